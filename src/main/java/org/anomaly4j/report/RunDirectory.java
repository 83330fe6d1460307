package org.anomaly4j.report;

import org.anomaly4j.AnomalyException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A run folder that appears in {@code reports/} only when complete: everything is written into
 * {@code reports/.incomplete-<id>/} and renamed to {@code reports/<id>/} at the end; a failed run's
 * folder is deleted. Files inside are written to a temporary name and moved into place.
 */
public final class RunDirectory implements AutoCloseable {
    private final Path finalDir;
    private final Path workDir;
    private boolean committed;

    public RunDirectory(Path reportsRoot, String runId) {
        requireFolderName(runId, "--run-id");
        this.finalDir = reportsRoot.resolve(runId);
        this.workDir = reportsRoot.resolve(".incomplete-" + runId);
        if (Files.exists(finalDir)) {
            throw new AnomalyException("run folder already exists: " + finalDir + " (choose another --run-id or remove it)");
        }
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new AnomalyException("cannot create run folder " + workDir + ": " + e.getMessage()
                    + " (check permissions and free disk space of " + reportsRoot + ")", e);
        }
    }

    /**
     * A run id names one folder directly under the reports folder (and its checkpoints' folder): a path ("a/b",
     * "../x") would fail only when the finished run is moved into place, after all the work. Characters Windows refuses
     * in names are refused too, so that reports can be copied there.
     */
    public static void requireFolderName(String id, String option) {
        boolean ok = id != null && !id.isBlank() && !id.startsWith(".") && id.length() <= 200
                && id.chars().noneMatch(ch -> ch < 32 || "/\\<>:\"|?*".indexOf(ch) >= 0);
        if (!ok) {
            throw new AnomalyException(option + " '" + id + "' cannot name a folder: give a plain name (not starting with '.', "
                    + "none of / \\ < > : \" | ? *), e.g. line3-2026-11-30");
        }
    }

    /** Where files go while the run is in progress. */
    public Path dir() {
        return workDir;
    }

    public Path finalDir() {
        return finalDir;
    }

    public Path file(String name) {
        return workDir.resolve(name);
    }

    public void writeString(String name, String content) {
        Path target = workDir.resolve(name);
        Path tmp = workDir.resolve(name + ".tmp");
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new AnomalyException("cannot write " + target + ": " + e.getMessage() + " (check free disk space)", e);
        }
    }

    /** Makes the run visible under its final name. */
    public Path commit() {
        try {
            Files.move(workDir, finalDir, StandardCopyOption.ATOMIC_MOVE);
            committed = true;
            return finalDir;
        } catch (IOException e) {
            throw new AnomalyException("cannot move " + workDir + " to " + finalDir + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the incomplete folder unless the run was committed. */
    @Override
    public void close() {
        if (!committed) {
            deleteTree(workDir);
        }
    }

    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort
        }
    }
}
