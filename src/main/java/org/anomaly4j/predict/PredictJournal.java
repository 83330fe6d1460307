package org.anomaly4j.predict;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.anomaly4j.AnomalyException;
import org.anomaly4j.report.CsvRow;
import org.anomaly4j.data.ImageSample;
import org.anomaly4j.report.RunDirectory;
import org.anomaly4j.scoring.Thresholds;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What an unfinished Predict run has scored, kept in its incomplete run folder so that a crash, a kill or a power cut
 * late in a long run loses at most one batch: the rows of {@code predictions.csv} and {@code regions.csv}, appended after
 * each batch (once its overlays and masks are written) to {@code predictions.partial.csv} and
 * {@code regions.partial.csv}, and what the run was started with ({@code resume.json}: the model's SHA-256, the usable
 * inputs in order, the output options), so that {@code --resume} continues only the same run.
 */
final class PredictJournal {
    static final String PREDICTIONS = "predictions.partial.csv";
    static final String REGIONS = "regions.partial.csv";
    static final String STARTED_WITH = RunDirectory.RESUMABLE;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What must be the same for a resumed run to continue an interrupted one. */
    record StartedWith(String modelSha256, int inputs, String inputsSha256, String outputs) {
    }

    private final Path dir;
    private final List<PredictService.Prediction> done;

    private PredictJournal(Path dir, List<PredictService.Prediction> done) {
        this.dir = dir;
        this.done = done;
    }

    static StartedWith startedWith(Path model, List<ImageSample> inputs, PredictService.Options options) {
        StringBuilder paths = new StringBuilder();
        inputs.forEach(s -> paths.append(s.image()).append('\n'));
        String outputs = "masks=" + options.masks() + ", overlays=" + options.overlays().name().toLowerCase()
                + ", image threshold=" + (Double.isFinite(options.imageThreshold()) ? options.imageThreshold() : "stored")
                + ", min region area=" + options.minRegionArea()
                + ", pixel threshold=" + (Double.isFinite(options.pixelThreshold()) ? options.pixelThreshold() : "stored");
        return new StartedWith(sha256(model), inputs.size(), org.anomaly4j.Sha256.hex(paths.toString().getBytes(StandardCharsets.UTF_8)), outputs);
    }

    /** A new run's journal, empty. */
    static PredictJournal start(Path dir, StartedWith startedWith) {
        try {
            Files.writeString(dir.resolve(STARTED_WITH), JSON.writeValueAsString(startedWith));
            Files.writeString(dir.resolve(PREDICTIONS), PredictionsCsv.PREDICTIONS_HEADER);
            Files.writeString(dir.resolve(REGIONS), PredictionsCsv.REGIONS_HEADER);
        } catch (IOException e) {
            throw new AnomalyException("cannot write " + dir + ": " + e.getMessage() + " (check free disk space)", e);
        }
        return new PredictJournal(dir, new ArrayList<>());
    }

    /** Whether {@code dir} holds an interrupted run's journal. */
    static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(STARTED_WITH));
    }

    /** The ids of the interrupted Predict runs under {@code reportsRoot}, to be continued with --resume. */
    static List<String> interruptedRuns(Path reportsRoot) {
        if (!Files.isDirectory(reportsRoot)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(reportsRoot)) {
            return s.filter(p -> p.getFileName().toString().startsWith(RunDirectory.INCOMPLETE_PREFIX) && exists(p))
                    .map(p -> p.getFileName().toString().substring(RunDirectory.INCOMPLETE_PREFIX.length())).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * An interrupted run's journal: refused unless it was started with the same model, inputs and output options; the
     * rows of a batch cut off by the crash are dropped (that batch is scored again).
     */
    static PredictJournal resume(Path dir, StartedWith now, List<ImageSample> inputs, Thresholds t) {
        StartedWith then;
        try {
            then = JSON.readValue(dir.resolve(STARTED_WITH).toFile(), StartedWith.class);
        } catch (IOException e) {
            throw new AnomalyException(dir.resolve(STARTED_WITH) + " cannot be read (" + e.getMessage() + "): delete " + dir
                    + " and run Predict again without --resume", e);
        }
        String differs = !then.modelSha256().equals(now.modelSha256()) ? "another model (its SHA-256 differs)"
                : then.inputs() != now.inputs() ? then.inputs() + " usable inputs then, " + now.inputs() + " now"
                : !then.inputsSha256().equals(now.inputsSha256()) ? "other inputs (the same number, not the same files in the same order)"
                : !then.outputs().equals(now.outputs()) ? "other output options (then: " + then.outputs() + "; now: " + now.outputs() + ")"
                : "";
        if (!differs.isEmpty()) {
            throw new AnomalyException("--resume: the interrupted run in " + dir + " was started with " + differs
                    + "; resume it with the same model, inputs and options, or run Predict with another --run-id");
        }
        Path predictions = dir.resolve(PREDICTIONS);
        List<PredictService.Prediction> done = new ArrayList<>();
        Set<String> donePaths = new HashSet<>();
        List<String> rows = completeRows(predictions);
        for (String line : rows) {
            CsvRow row = PredictionsCsv.parse(line, predictions);
            ImageSample expected = done.size() < inputs.size() ? inputs.get(done.size()) : null;
            if (expected == null || !expected.image().toString().equals(row.path()) || row.rest().length != 5) {
                throw new AnomalyException(predictions + " row " + (done.size() + 2) + " is not input " + (done.size() + 1)
                        + " (" + (expected == null ? "none" : expected.image()) + "): delete " + dir + " and run Predict again without --resume");
            }
            float score = Float.parseFloat(row.rest()[0]);
            done.add(new PredictService.Prediction(expected.image(), score, t == null ? Double.NaN : t.normalizeImage(score),
                    row.rest()[2], row.rest()[3], row.rest()[4]));
            donePaths.add(row.path());
        }
        // regions are appended before their batch's predictions: keep only those of images counted as done
        Path regions = dir.resolve(REGIONS);
        StringBuilder kept = new StringBuilder(PredictionsCsv.REGIONS_HEADER);
        for (String line : completeRows(regions)) {
            if (donePaths.contains(PredictionsCsv.parse(line, regions).path())) {
                kept.append(line).append('\n');
            }
        }
        StringBuilder keptPredictions = new StringBuilder(PredictionsCsv.PREDICTIONS_HEADER);
        rows.forEach(r -> keptPredictions.append(r).append('\n'));
        try {
            Files.writeString(regions, kept);
            Files.writeString(predictions, keptPredictions);
        } catch (IOException e) {
            throw new AnomalyException("cannot write " + dir + ": " + e.getMessage() + " (check free disk space)", e);
        }
        return new PredictJournal(dir, done);
    }

    /** The rows after the header up to the last line end: a row cut off by a crash is not complete. */
    private static List<String> completeRows(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AnomalyException(file + " cannot be read (" + e.getMessage() + "): delete " + file.getParent()
                    + " and run Predict again without --resume", e);
        }
        int end = text.lastIndexOf('\n');
        List<String> lines = end < 0 ? List.of() : List.of(text.substring(0, end).split("\n", -1));
        return lines.isEmpty() ? List.of() : lines.subList(1, lines.size());
    }

    /** The predictions scored so far, in input order. */
    List<PredictService.Prediction> done() {
        return done;
    }

    /** Records a scored batch: its regions rows first, then its predictions (the count of done images). */
    void append(List<PredictService.Prediction> batch, String regionRows) throws IOException {
        StringBuilder rows = new StringBuilder();
        batch.forEach(p -> rows.append(PredictionsCsv.row(p)));
        if (!regionRows.isEmpty()) {
            Files.writeString(dir.resolve(REGIONS), regionRows, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        }
        Files.writeString(dir.resolve(PREDICTIONS), rows, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        done.addAll(batch);
    }

    /** The regions rows of the images done, in order. */
    String regionRows() {
        List<String> rows = completeRows(dir.resolve(REGIONS));
        StringBuilder sb = new StringBuilder();
        rows.forEach(r -> sb.append(r).append('\n'));
        return sb.toString();
    }

    /** Removes the journal once the run's own files are written. */
    void close() throws IOException {
        for (String f : List.of(PREDICTIONS, REGIONS, STARTED_WITH)) {
            Files.deleteIfExists(dir.resolve(f));
        }
    }

    private static String sha256(Path file) {
        try {
            return org.anomaly4j.Sha256.hex(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new AnomalyException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
