package org.anomaly4j.data;

import org.anomaly4j.AnomalyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/** Lists image files of a folder in a stable (sorted) order. */
public final class ImageFiles {
    private static final Logger LOG = LoggerFactory.getLogger(ImageFiles.class);
    /** Formats Java's ImageIO decodes out of the box (TIFF since Java 9: the usual format of industrial cameras). */
    public static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "tif", "tiff");
    /** What the messages call them. */
    public static final String FORMATS = "PNG, JPEG, BMP, TIFF";

    private ImageFiles() {
    }

    public static boolean isImage(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1)) && Files.isRegularFile(p);
    }

    public static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new AnomalyException("folder not found: " + dir + " (check data.root and the dataset layout)");
        }
        List<Path> files;
        boolean hasSubfolders;
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> entries = s.toList();
            files = entries.stream().filter(ImageFiles::isImage).sorted().toList();
            hasSubfolders = entries.stream().anyMatch(Files::isDirectory);
        } catch (IOException e) {
            throw new AnomalyException("cannot list " + dir + ": " + e.getMessage() + " (check permissions)", e);
        }
        if (hasSubfolders) {
            reportNested(dir, files.isEmpty());
        }
        return files;
    }

    /**
     * Images in sub-folders are not read (the layouts' folders are flat, as in MVTec AD): said, not skipped silently.
     * With no image directly in {@code dir} that is an error, else a warning.
     */
    private static void reportNested(Path dir, boolean noneDirectly) {
        List<Path> nested;
        try (Stream<Path> s = Files.walk(dir)) {
            nested = s.filter(p -> !dir.equals(p.getParent()) && isImage(p)).sorted().toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            return; // only a hint; the listing itself succeeded
        }
        if (nested.isEmpty()) {
            return;
        }
        String what = nested.size() + " images in its sub-folders (e.g. " + nested.get(0) + ") are not read: only the images "
                + "directly in " + dir + " are (move them up, or point the config at the sub-folder)";
        if (noneDirectly) {
            throw new AnomalyException("no images directly in " + dir + "; " + what);
        }
        LOG.warn("{}: {}", dir, what);
    }

    /**
     * The mask {@code <stem>_mask.<ext>} of an image in {@code dir}, PNG first (MVTec AD's own), else any image
     * format; null when there is none.
     */
    public static Path maskFor(Path dir, String stem) {
        Path png = dir.resolve(stem + "_mask.png");
        if (Files.isRegularFile(png)) {
            return png;
        }
        return EXTENSIONS.stream().sorted().map(ext -> dir.resolve(stem + "_mask." + ext))
                .filter(Files::isRegularFile).findFirst().orElse(null);
    }

    public static String stem(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
