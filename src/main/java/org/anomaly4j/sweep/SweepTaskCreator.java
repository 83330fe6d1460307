package org.anomaly4j.sweep;

import org.anomaly4j.AnomalyException;
import org.anomaly4j.config.ConfigLoader;
import org.anomaly4j.config.HfrConfig;
import org.anomaly4j.pipeline.TrainOptions;
import org.anomaly4j.pipeline.TrainService;
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
 * handed to {@code onDone} (the sweep table is rewritten after each).
 */
public final class SweepTaskCreator implements TaskCreator {
    private static final Logger LOG = LoggerFactory.getLogger(SweepTaskCreator.class);

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

    private OptimizationResult runCandidate(Candidate candidate) {
        SweepCandidate c = (SweepCandidate) candidate.getValue();
        int index = candidate.getIndex();
        long created = System.currentTimeMillis();
        LOG.info("Sweep candidate {}: {}", index, c.overrides());
        String runId = String.format("candidate-%03d", index);
        try {
            HfrConfig cfg = config(spec, c);
            TrainService.Result r = TrainService.run(cfg, command + " [candidate " + index + ": " + String.join(" ", c.overrides()) + "]",
                    candidatesDir, runId, new TrainOptions(false, uiPort, uiPort != null));
            if (r.validation() == null) {
                throw new AnomalyException("no validation images (data.validationFraction is 0): nothing to score the candidate on");
            }
            double s = spec.score().equals("validation-image-auroc") ? r.validation().metrics().imageAuroc()
                    : r.validation().metrics().pixelAuroc();
            double seconds = (System.currentTimeMillis() - created) / 1000.0;
            onDone.accept(new SweepRow(index, c.overrides(), s, seconds, "complete", r.runDir().toString(), ""));
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
