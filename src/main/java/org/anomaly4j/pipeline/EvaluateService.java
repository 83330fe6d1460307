package org.anomaly4j.pipeline;

import org.anomaly4j.AnomalyException;
import org.anomaly4j.config.ConfigLoader;
import org.anomaly4j.config.DataConfig;
import org.anomaly4j.config.HfrConfig;
import org.anomaly4j.config.ScoringConfig;
import org.anomaly4j.data.DatasetFactory;
import org.anomaly4j.data.DatasetSplits;
import org.anomaly4j.data.ImageScreen;
import org.anomaly4j.model.InferencePath;
import org.anomaly4j.report.OverlayWriter;
import org.anomaly4j.report.ReportWriter;
import org.anomaly4j.report.RunDirectory;
import org.anomaly4j.report.RunSummary;
import org.anomaly4j.scoring.BaselineMap;
import org.anomaly4j.scoring.NormalBaseline;
import org.anomaly4j.scoring.Thresholds;

import java.nio.file.Path;
import java.util.List;

/** Re-scores a saved model on a dataset's test split and writes a run folder. */
public final class EvaluateService {
    private EvaluateService() {
    }

    /**
     * {@code f1AtThreshold}: image F1 with the model's stored threshold (NaN without one, or when scoring was
     * changed); {@code warning}: what the report warns of ("" when nothing).
     */
    public record Result(Path runDir, EvaluationResult evaluation, double f1AtThreshold, String warning, Thresholds thresholds) {
    }

    public static Result run(ModelStore.Loaded loaded, DataConfig data, ScoringConfig scoring, String command,
                             Path reportsRoot, String runId) {
        return run(loaded, data, scoring, command, reportsRoot, runId, false);
    }

    /**
     * With {@code validationSplit}, scores the labelled validation set ({@link ValidationEvaluation}) instead
     * of the test split: for choosing scoring settings without the test split.
     */
    public static Result run(ModelStore.Loaded loaded, DataConfig data, ScoringConfig scoring, String command,
                             Path reportsRoot, String runId, boolean validationSplit) {
        return run(loaded, data, scoring, command, reportsRoot, runId, validationSplit, false);
    }

    /** {@code keepGoing}: skip unusable images (listed in skipped.txt) instead of stopping at the first. */
    public static Result run(ModelStore.Loaded loaded, DataConfig data, ScoringConfig scoring, String command,
                             Path reportsRoot, String runId, boolean validationSplit, boolean keepGoing) {
        long start = System.nanoTime();
        DatasetSplits splits = DatasetFactory.open(data);
        if (validationSplit) {
            // the test split is not scored: neither its decoding, its bad files nor its shapes concern this run
            splits = new DatasetSplits(splits.train(), splits.validation(), splits.validationAnomalies(), List.of(),
                    splits.hasMasks(), splits.source());
        }
        ImageScreen.Screened screened = ImageScreen.screen(splits, loaded.model().imageSize(), keepGoing, data.cutting(),
                loaded.model().sampleBits());
        splits = screened.splits();
        org.anomaly4j.data.ImagePieces.requireFit(splits, data.cutting());
        List<String> skipped = screened.skipped();
        try (RunDirectory run = new RunDirectory(reportsRoot, runId)) {
            HfrConfig used = new HfrConfig(data, loaded.config().model(), loaded.config().train(), scoring);
            run.writeString("config.yaml", ConfigLoader.toYaml(used));
            run.writeString("command.txt", command + "\n");
            if (!skipped.isEmpty()) {
                run.writeString("skipped.txt", String.join("\n", skipped) + "\n");
            }
            InferencePath path = new InferencePath(loaded.model(), loaded.config().model(), loaded.config().train());
            // The model's stored baseline and thresholds belong to its own scoring settings only.
            boolean sameScoring = scoring.equals(loaded.config().scoring());
            BaselineMap baseline = sameScoring && loaded.baseline() != null ? loaded.baseline()
                    : NormalBaseline.of(loaded.model(), path, scoring, splits.train(), data.cutting());
            Thresholds thresholds = sameScoring ? loaded.thresholds() : null;
            EvaluationResult eval;
            String scored = "";
            if (validationSplit) {
                ValidationEvaluation.Result v = ValidationEvaluation.run(loaded.model(), path, scoring, baseline, splits, data);
                if (v == null) {
                    throw new AnomalyException("--split validation: the dataset has no validation images (set data.validationFraction > 0)");
                }
                eval = v.evaluation();
                scored = "VALIDATION split (" + v.description() + "), ";
            } else {
                eval = Evaluator.evaluate(loaded.model(), path, scoring, baseline, splits.test(), splits.hasMasks(), data.cutting());
                OverlayWriter.write(run, loaded.model(), path, scoring, baseline, splits.test(), eval.scores(), data.cutting());
            }
            String warning = RunSummary.warnings(loaded.model().pretrainedEncoder() ? "" : loaded.model().weightsSource(),
                    screened.shapeWarning(), screened.rangeWarning(),
                    screened.duplicateWarning());
            RunSummary summary = new RunSummary(runId, command, scored + splits.source(), loaded.model().encoderKind(),
                    loaded.model().weightsSource(), warning, null, null, "", eval, (System.nanoTime() - start) / 1e9, thresholds, List.of(),
                    validationSplit ? RunSummary.VALIDATION : RunSummary.TEST);
            ReportWriter.write(run, summary);
            return new Result(run.commit(), eval, thresholds == null ? Double.NaN : ReportWriter.f1AtThreshold(summary), warning, thresholds);
        }
    }
}
