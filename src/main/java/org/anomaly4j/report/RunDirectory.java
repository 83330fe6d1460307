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
 * folder is deleted, unless the run keeps its work to be resumed ({@link #keepIfFailed}). Files inside are written to a
 * temporary name and moved into place.
 */
public final class RunDirectory implements AutoCloseable {
    public static final String INCOMPLETE_PREFIX = ".incomplete-";
    /** The file in an incomplete folder that says it holds work to be resumed (what the run was started with). */
    public static final String RESUMABLE = "resume.json";
    private final Path finalDir;
    private final Path workDir;
    private boolean committed;
    private boolean keepIfFailed;

    /** A new run's folder. */
    public RunDirectory(Path reportsRoot, String runId) {
        this(reportsRoot, runId, false);
    }

    /**
     * @param resume continue in the incomplete folder an interrupted run of this id left behind, with what it holds
     *               (there must be one); otherwise a new one
     */
    public RunDirectory(Path reportsRoot, String runId, boolean resume) {
        requireFolderName(runId, "--run-id");
        this.finalDir = reportsRoot.resolve(runId);
        this.workDir = incompleteDir(reportsRoot, runId);
        if (Files.exists(finalDir)) {
            throw new AnomalyException("run folder already exists: " + finalDir + " (choose another --run-id or remove it)"
                    + (resume ? "; that run is complete, there is nothing to resume" : ""));
        }
        if (resume && !Files.isDirectory(workDir)) {
            throw new AnomalyException("--resume: no interrupted run '" + runId + "' (no folder " + workDir
                    + "); give the --run-id of the interrupted run, or leave out --resume");
        }
        if (!resume && Files.isRegularFile(workDir.resolve(RESUMABLE))) {
            throw new AnomalyException("an interrupted run '" + runId + "' left its work in " + workDir
                    + ": continue it with the same command and --resume, or delete that folder to start again");
        }
        this.keepIfFailed = resume;
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

    /** Where the run {@code runId} is written while in progress. */
    public static Path incompleteDir(Path reportsRoot, String runId) {
        return reportsRoot.resolve(INCOMPLETE_PREFIX + runId);
    }

    /** A failed run keeps its incomplete folder from now on: it holds work a resumed run continues. */
    public void keepIfFailed() {
        keepIfFailed = true;
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

    /** Deletes the incomplete folder unless the run was committed or keeps its work. */
    @Override
    public void close() {
        if (!committed && !keepIfFailed) {
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
