package org.anomaly4j.pipeline;

import org.anomaly4j.AnomalyException;
import org.anomaly4j.Versions;
import org.anomaly4j.config.ConfigLoader;
import org.anomaly4j.config.HfrConfig;
import org.anomaly4j.data.AnomalyImageRecordReader;
import org.anomaly4j.data.DatasetFactory;
import org.anomaly4j.data.DatasetSplits;
import org.anomaly4j.data.ImagePieces;
import org.anomaly4j.data.ImageSample;
import org.anomaly4j.data.InputAspectRange;
import org.anomaly4j.data.ImageScreen;
import org.anomaly4j.model.HfrModel;
import org.anomaly4j.model.HfrModelBuilder;
import org.anomaly4j.model.InferencePath;
import org.anomaly4j.model.encoder.Encoder;
import org.anomaly4j.model.encoder.EncoderCatalogue;
import org.anomaly4j.report.OverlayWriter;
import org.anomaly4j.report.ReportWriter;
import org.anomaly4j.report.RunDirectory;
import org.anomaly4j.report.RunSummary;
import org.anomaly4j.scoring.BaselineMap;
import org.anomaly4j.scoring.NormalBaseline;
import org.anomaly4j.scoring.Thresholds;
import org.anomaly4j.train.Checkpoints;
import org.anomaly4j.train.DecoderTrainer;
import org.anomaly4j.train.ReconstructionCheck;
import org.anomaly4j.train.TrainingHistory;
import org.anomaly4j.train.TrainingSession;
import org.anomaly4j.train.TrainingUi;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Train on the normals, keep the best epoch on validation, evaluate on the test split, write the run folder. */
public final class TrainService {
    private static final Logger LOG = LoggerFactory.getLogger(TrainService.class);

    private TrainService() {
    }

    /** {@code validation}: the score on the labelled validation set ({@link ValidationEvaluation}; null without validation normals). */
    public record Result(Path runDir, HfrModel model, TrainingHistory history, EvaluationResult validation,
                         EvaluationResult evaluation, String warning) {
    }

    public static Result run(HfrConfig cfg, String command, Path reportsRoot, String runId) {
        return run(cfg, command, reportsRoot, runId, TrainOptions.defaults());
    }

    public static Result run(HfrConfig cfg, String command, Path reportsRoot, String runId, TrainOptions options) {
        long start = System.nanoTime();
        Checkpoints checkpoints = Checkpoints.forRun(reportsRoot, runId);
        if (!options.resume() && checkpoints.exists()) {
            throw new AnomalyException("an interrupted run '" + runId + "' has checkpoints in " + checkpoints.dir()
                    + ": continue it with --resume, or delete that folder to start again");
        }
        DatasetSplits data = DatasetFactory.open(cfg.data());
        ImageScreen.Screened screened = ImageScreen.screen(data, cfg.data().imageSize(), options.keepGoing(),
                cfg.data().cutting(), cfg.data().sampleBits());
        data = screened.splits();
        ImagePieces.requireFit(data, cfg.data().cutting());
        List<String> skipped = screened.skipped();
        LOG.info("Data: {} ({} train, {} validation, {} test images)", data.source(), data.train().size(),
                data.validation().size(), data.test().size());
        try (RunDirectory run = new RunDirectory(reportsRoot, runId)) {
            run.writeString("config.yaml", ConfigLoader.toYaml(cfg));
            run.writeString("command.txt", command + "\n");
            if (!skipped.isEmpty()) {
                run.writeString("skipped.txt", String.join("\n", skipped) + "\n");
            }
            Nd4j.getRandom().setSeed(cfg.train().seed());
            int size = cfg.data().imageSize();
            // Training, its validation loss and the reconstruction check see the pieces the scorer sees; the
            // baseline and evaluation take whole images and cut them themselves (NormalBaseline, PieceScorer).
            org.anomaly4j.data.Cutting cutting = cfg.data().cutting();
            List<ImageSample> trainPieces = ImagePieces.expand(data.train(), cutting);
            List<ImageSample> validationPieces = ImagePieces.expand(data.validation(), cutting);
            if (trainPieces.size() > data.train().size()) {
                LOG.info("data.maxStretch {}, data.tiles {}: {} training images make {} pieces", cutting.maxStretch(), cutting.tiles(),
                        data.train().size(), trainPieces.size());
            }
            Encoder encoder = EncoderCatalogue.build(cfg.model(), size, cfg.train().seed());
            String warning = RunSummary.warnings(encoder.pretrained() ? "" : encoder.weightsSource(), screened.shapeWarning(),
                    screened.rangeWarning(), screened.duplicateWarning());
            HfrModel model = HfrModelBuilder.build(encoder, cfg.model(), cfg.train(), size).withSampleBits(cfg.data().sampleBits());
            LOG.info("Model: {} encoder (taps {}), {} trainable parameters", encoder.kind(), model.tapNames(),
                    trainableParams(model));
            TrainingHistory history;
            try (TrainingUi ui = TrainingUi.open(run.file(UI_STATS), options.uiPort())) {
                TrainingSession session = new TrainingSession(checkpoints, options.resume(), fingerprint(cfg), List.of(ui.listener()));
                history = DecoderTrainer.train(model, cfg.model(), cfg.train(),
                        new AnomalyImageRecordReader(trainPieces, size, model.sampleBits()),
                        new AnomalyImageRecordReader(validationPieces, size, model.sampleBits()), session);
                ui.close(options.keepUi());
            }
            InferencePath path = new InferencePath(model, cfg.model(), cfg.train());
            List<ReconstructionCheck.Tap> reconstruction = ReconstructionCheck.run(model, path,
                    validationPieces.stream().filter(s -> !s.anomalous()).toList(), cfg.scoring().batchSize());
            reconstruction.forEach(t -> LOG.info("Reconstruction of {} on validation normals: mean cosine distance {} (the mean feature: {})",
                    t.name(), String.format("%.4f", t.decoder()), String.format("%.4f", t.meanFeature())));
            String weak = ReconstructionCheck.warning(reconstruction,
                    cfg.model().normalizeTaps() && HfrModelBuilder.UNIT.equals(cfg.model().tapNorm()));
            if (!weak.isEmpty()) {
                LOG.warn(weak);
                warning = RunSummary.warnings(warning, weak);
            }
            BaselineMap baseline = NormalBaseline.of(model, path, cfg.scoring(), data.train(), cutting);
            ValidationEvaluation.Result validated = ValidationEvaluation.run(model, path, cfg.scoring(), baseline, data, cfg.data());
            EvaluationResult validation = validated == null ? null : validated.evaluation();
            if (validated != null) {
                LOG.info("Validation ({}): image AUROC {}, pixel AUROC {}", validated.description(),
                        String.format("%.4f", validation.metrics().imageAuroc()), String.format("%.4f", validation.metrics().pixelAuroc()));
            }
            EvaluationResult eval = Evaluator.evaluate(model, path, cfg.scoring(), baseline, data.test(), data.hasMasks(), cutting);
            OverlayWriter.write(run, model, path, cfg.scoring(), baseline, data.test(), eval.scores(), cutting);
            Map<String, Object> provenance = provenance(cfg, data, command);
            if (screened.trainingAspects() != null) {
                provenance.put(InputAspectRange.PROVENANCE_KEY, screened.trainingAspects().toMap());
            }
            Thresholds thresholds = validation == null ? null : validation.fitted();
            ModelStore.save(model, cfg, ReportWriter.metricsMap(eval.metrics()), provenance, thresholds, baseline,
                    run.file("model.zip"));
            double wall = (System.nanoTime() - start) / 1e9;
            ReportWriter.write(run, new RunSummary(runId, command, data.source(), encoder.kind(), encoder.weightsSource(),
                    warning, history, validation, validated == null ? "" : validated.description(), eval, wall, thresholds,
                    reconstruction, RunSummary.TEST));
            Path dir = run.commit();
            checkpoints.delete();
            return new Result(dir, model, history, validation, eval, warning);
        }
    }

    /** DL4J training statistics of every run, for the training UI ({@code Ui --file ...}). */
    public static final String UI_STATS = "ui-stats.dl4j";

    /** Everything that changes training (not scoring): a checkpoint must have been written with the same. */
    static String fingerprint(HfrConfig cfg) {
        return ConfigLoader.toYaml(new HfrConfig(cfg.data(), cfg.model(), cfg.train(), null));
    }

    static long trainableParams(HfrModel model) {
        long n = 0;
        for (org.deeplearning4j.nn.api.Layer l : model.graph().getLayers()) {
            if (!(l instanceof org.deeplearning4j.nn.layers.FrozenLayer)) {
                n += l.numParams();
            }
        }
        return n;
    }

    static Map<String, Object> provenance(HfrConfig cfg, DatasetSplits data, String command) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("anomaly4j", Versions.ANOMALY4J);
        p.put("dl4j", Versions.DL4J);
        p.put("created", Instant.now().toString());
        p.put("dataset", data.source());
        p.put("seed", cfg.train().seed());
        p.put("command", command);
        return p;
    }
}
