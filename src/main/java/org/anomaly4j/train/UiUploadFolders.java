package org.anomaly4j.train;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The uploads folders DL4J's UI server leaves behind: each start makes an empty
 * {@code java.io.tmpdir/DL4JUI_<millis>} and nothing removes it, so every {@code Train --ui-port} or {@code Ui}
 * run would add one. Only the folders named for the moments this JVM was starting the server are ours; they are
 * removed when the server stops, or when the JVM exits (the {@code Ui} command ends with Ctrl-C), if still empty.
 */
final class UiUploadFolders {
    static final String PREFIX = "DL4JUI_";
    private static final List<Path> STARTED = new CopyOnWriteArrayList<>();

    private UiUploadFolders() {
    }

    /** Remembers the folders made while this JVM started the server, between {@code fromMillis} and {@code toMillis}. */
    static void madeBetween(long fromMillis, long toMillis) {
        for (Path p : between(tmp(), fromMillis, toMillis)) {
            STARTED.add(p);
            p.toFile().deleteOnExit(); // a folder is deleted only when empty
        }
    }

    /** Removes the remembered folders that are still empty. */
    static void removeEmpty() {
        for (Path p : STARTED) {
            try {
                Files.deleteIfExists(p);
                STARTED.remove(p);
            } catch (DirectoryNotEmptyException e) {
                // something was uploaded: not ours to delete
            } catch (IOException e) {
                // left for the JVM's exit
            }
        }
    }

    /** The {@code DL4JUI_<millis>} folders in {@code dir} whose millis lie in [from, to]. */
    static List<Path> between(Path dir, long fromMillis, long toMillis) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, PREFIX + "*")) {
            for (Path p : s) {
                String stamp = p.getFileName().toString().substring(PREFIX.length());
                if (stamp.matches("\\d{1,18}") && Files.isDirectory(p)) {
                    long t = Long.parseLong(stamp);
                    if (t >= fromMillis && t <= toMillis) {
                        out.add(p);
                    }
                }
            }
        } catch (IOException e) {
            // an unreadable temp folder: nothing to tidy
        }
        return out;
    }

    private static Path tmp() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }
}
