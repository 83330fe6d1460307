package org.anomaly4j.pipeline;

import org.anomaly4j.config.ConfigLoader;
import org.anomaly4j.config.DataConfig;
import org.anomaly4j.config.HfrConfig;
import org.anomaly4j.config.ScoringConfig;
import org.anomaly4j.data.DatasetFactory;
import org.anomaly4j.data.DatasetSplits;
import org.anomaly4j.model.InferencePath;
import org.anomaly4j.report.ReportWriter;
import org.anomaly4j.report.RunDirectory;
import org.anomaly4j.report.RunSummary;

import java.nio.file.Path;

/** Re-scores a saved model on a dataset's test split and writes a run folder. */
public final class EvaluateService {
    private EvaluateService() {
    }

    public record Result(Path runDir, EvaluationResult evaluation) {
    }

    public static Result run(ModelStore.Loaded loaded, DataConfig data, ScoringConfig scoring, String command,
                                       Path reportsRoot, String runId) {
        long start = System.nanoTime();
        DatasetSplits splits = DatasetFactory.open(data);
        try (RunDirectory run = new RunDirectory(reportsRoot, runId)) {
            HfrConfig used = new HfrConfig(data, loaded.config().model(), loaded.config().train(), scoring);
            run.writeString("config.yaml", ConfigLoader.toYaml(used));
            run.writeString("command.txt", command + "\n");
            InferencePath path = new InferencePath(loaded.model(), loaded.config().model(), loaded.config().train());
            EvaluationResult eval = Evaluator.evaluate(loaded.model(), path, scoring, splits.test(), splits.hasMasks());
            String warning = loaded.model().pretrainedEncoder() ? "" : loaded.model().weightsSource();
            ReportWriter.write(run, new RunSummary(runId, command, splits.source(), loaded.model().encoderKind(),
                    loaded.model().weightsSource(), warning, null, null, eval, (System.nanoTime() - start) / 1e9));
            return new Result(run.commit(), eval);
        }
    }
}
