package org.anomaly4j.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.anomaly4j.AnomalyException;
import org.anomaly4j.config.ConfigLoader;
import org.anomaly4j.config.HfrConfig;
import org.anomaly4j.pipeline.TrainOptions;
import org.anomaly4j.pipeline.TrainService;
import org.anomaly4j.train.Checkpoints;
import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.deeplearning4j.arbiter.optimize.api.TaskCreator;
import org.deeplearning4j.arbiter.optimize.api.data.DataProvider;
import org.deeplearning4j.arbiter.optimize.api.data.DataSource;
import org.deeplearning4j.arbiter.optimize.api.score.ScoreFunction;
import org.deeplearning4j.arbiter.optimize.runner.CandidateInfo;
import org.deeplearning4j.arbiter.optimize.runner.CandidateStatus;
import org.deeplearning4j.arbiter.optimize.runner.IOptimizationRunner;
import org.deeplearning4j.arbiter.optimize.runner.listener.StatusListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Arbiter's task for one candidate: the base config plus the sweep's fixed overrides plus the
 * candidate's, trained and validated by the ordinary {@link TrainService} (its run folder lands in
 * {@code candidates/}); the score is the validation AUROC. Every finished or failed candidate is
 * handed to {@code onDone} (the sweep table is rewritten after each). A candidate whose run folder an earlier run of
 * the sweep completed is not trained again (its figures are read back; its config must be the same), and one stopped
 * part way continues from its last checkpoint: a resumed sweep repeats no finished work.
 */
public final class SweepTaskCreator implements TaskCreator {
    private static final Logger LOG = LoggerFactory.getLogger(SweepTaskCreator.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SweepSpec spec;
    private final Path candidatesDir;
    private final Integer uiPort;
    private final String command;
    private final Consumer<SweepRow> onDone;

    public SweepTaskCreator(SweepSpec spec, Path candidatesDir, Integer uiPort, String command, Consumer<SweepRow> onDone) {
        this.spec = spec;
        this.candidatesDir = candidatesDir;
        this.uiPort = uiPort;
        this.command = command;
        this.onDone = onDone;
    }

    /** The config a candidate trains with (also what best.yaml holds). */
    public static HfrConfig config(SweepSpec spec, SweepCandidate c) {
        List<String> all = new ArrayList<>(spec.fixed());
        all.addAll(c.overrides());
        return ConfigLoader.load(spec.base(), all);
    }

    @Override
    public Callable<OptimizationResult> create(Candidate candidate, DataProvider data, ScoreFunction score,
                                               List<StatusListener> listeners, IOptimizationRunner runner) {
        return () -> runCandidate(candidate);
    }

    @Override
    public Callable<OptimizationResult> create(Candidate candidate, Class<? extends DataSource> dataSource, Properties props,
                                               ScoreFunction score, List<StatusListener> listeners, IOptimizationRunner runner) {
        return () -> runCandidate(candidate);
    }

    /** The score of a candidate an earlier run of the sweep finished, from its run folder; refused if trained otherwise. */
    private double finishedScore(Path run, HfrConfig cfg) {
        try {
            if (!Files.readString(run.resolve("config.yaml")).equals(ConfigLoader.toYaml(cfg))) {
                throw new AnomalyException(run + " was trained with another config than this candidate's (the sweep file or "
                        + "its base config changed since): run the sweep with a new --run-id");
            }
            JsonNode metrics = JSON.readTree(run.resolve("metrics.json").toFile());
            JsonNode score = metrics.path(spec.score().equals("validation-image-auroc") ? "validation_image_AUROC" : "validation_pixel_AUROC");
            if (!score.isNumber()) {
                throw new AnomalyException(run.resolve("metrics.json") + " has no " + spec.score() + " (delete " + run + " to train it again)");
            }
            return score.asDouble();
        } catch (IOException e) {
            throw new AnomalyException("cannot read " + run + ": " + e.getMessage() + " (delete it to train the candidate again)", e);
        }
    }

    private static double finishedSeconds(Path run) {
        try {
            JsonNode metrics = JSON.readTree(run.resolve("metrics.json").toFile());
            return metrics.path("train_seconds").asDouble() + metrics.path("eval_seconds").asDouble();
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    private OptimizationResult runCandidate(Candidate candidate) {
        SweepCandidate c = (SweepCandidate) candidate.getValue();
        int index = candidate.getIndex();
        long created = System.currentTimeMillis();
        LOG.info("Sweep candidate {}: {}", index, c.overrides());
        String runId = String.format("candidate-%03d", index);
        try {
            HfrConfig cfg = config(spec, c);
            Path earlier = candidatesDir.resolve(runId);
            double s;
            double seconds;
            if (Files.isDirectory(earlier)) { // run folders appear only when complete
                s = finishedScore(earlier, cfg);
                seconds = finishedSeconds(earlier);
                LOG.info("Sweep candidate {}: kept from the earlier run ({})", index, earlier);
            } else {
                boolean stopped = Checkpoints.forRun(candidatesDir, runId).exists();
                TrainService.Result r = TrainService.run(cfg, command + " [candidate " + index + ": " + String.join(" ", c.overrides()) + "]",
                        candidatesDir, runId, new TrainOptions(stopped, uiPort, uiPort != null));
                if (r.validation() == null) {
                    throw new AnomalyException("no validation images (data.validationFraction is 0): nothing to score the candidate on");
                }
                s = spec.score().equals("validation-image-auroc") ? r.validation().metrics().imageAuroc()
                        : r.validation().metrics().pixelAuroc();
                seconds = (System.currentTimeMillis() - created) / 1000.0;
            }
            onDone.accept(new SweepRow(index, c.overrides(), s, seconds, "complete", earlier.toString(), ""));
            LOG.info("Sweep candidate {}: {} = {} ({} s)", index, spec.score(), String.format("%.4f", s), String.format("%.0f", seconds));
            return new OptimizationResult(candidate, s, index, null,
                    new CandidateInfo(index, CandidateStatus.Complete, s, created, created, System.currentTimeMillis(),
                            candidate.getFlatParameters(), null), null);
        } catch (RuntimeException e) {
            double seconds = (System.currentTimeMillis() - created) / 1000.0;
            String why = e instanceof AnomalyException ? e.getMessage() : e.toString();
            onDone.accept(new SweepRow(index, c.overrides(), null, seconds, "failed", "", why));
            LOG.warn("Sweep candidate {} failed: {}", index, why);
            throw e;
        }
    }
}
