package org.anomaly4j.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.anomaly4j.AnomalyException;
import org.anomaly4j.Versions;
import org.anomaly4j.config.ConfigLoader;
import org.anomaly4j.config.HfrConfig;
import org.anomaly4j.config.ScoringConfig;
import org.anomaly4j.data.DatasetFactory;
import org.anomaly4j.data.DatasetSplits;
import org.anomaly4j.model.HfrModel;
import org.anomaly4j.model.InferencePath;
import org.anomaly4j.pipeline.ModelStore;
import org.anomaly4j.pipeline.ValidationEvaluation;
import org.anomaly4j.scoring.AnomalyScorer;
import org.anomaly4j.scoring.BaselineMap;
import org.anomaly4j.scoring.NormalBaseline;
import org.anomaly4j.scoring.ScoredBatch;
import org.anomaly4j.scoring.Thresholds;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a trained {@code model.zip} into a self-contained scoring graph zip (see
 * {@link ExportGraphBuilder}) with its {@link ExportMetadata}. Scoring settings other than the model's
 * own need a new baseline and new thresholds: they are recomputed on the model's dataset (training
 * normals and the validation split, never the test split).
 */
public final class ExportService {
    private static final Logger LOG = LoggerFactory.getLogger(ExportService.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ExportService() {
    }

    /** {@code baseline}: the baseline built into the graph (null without one). */
    public record Result(Path file, ComputationGraph graph, ExportMetadata metadata, double selfCheckMaxDiff, BaselineMap baseline) {
    }

    /** {@code config}: the model's config with the user's overrides (only data and scoring matter here). */
    public static Result run(Path modelZip, ModelStore.Loaded loaded, HfrConfig config, Path out) {
        requireReplaceable(modelZip, out);
        HfrModel model = loaded.model();
        ScoringConfig scoring = config.scoring();
        BaselineMap baseline = loaded.baseline();
        Thresholds thresholds = loaded.thresholds();
        if (!scoring.equals(loaded.config().scoring())) {
            LOG.info("Scoring differs from the model's own: recomputing baseline and thresholds on {} (training normals and validation split)",
                    config.data().root());
            Recomputed r = recompute(loaded, config);
            baseline = r.baseline();
            thresholds = r.thresholds();
        }
        ComputationGraph graph = ExportGraphBuilder.build(model, scoring, baseline);
        double diff = selfCheck(loaded, scoring, baseline, graph);
        LOG.info("Self-check: exported graph vs in-project scorer, max |map difference| {}", String.format("%.2e", diff));
        if (!(diff < 1e-3)) {
            throw new AnomalyException("export self-check failed: the exported graph differs from the scorer by " + diff
                    + " (please report this with the model's config)");
        }
        ExportMetadata meta = metadata(modelZip, loaded, config, thresholds);
        write(graph, meta, out);
        return new Result(out, graph, meta, diff, baseline);
    }

    private record Recomputed(BaselineMap baseline, Thresholds thresholds) {
    }

    /**
     * The output may replace an earlier export, nothing else: before this, {@code --output} naming the trained model
     * itself replaced it with its export (the trained model lost), and any other file was overwritten silently.
     * Checked before the work, which can take minutes when thresholds are recomputed.
     */
    static void requireReplaceable(Path modelZip, Path out) {
        if (Files.isDirectory(out)) {
            throw new AnomalyException("--output " + out + " is a folder: give a file name, e.g. " + out.resolve("exported.zip"));
        }
        if (!Files.exists(out)) {
            return;
        }
        boolean same;
        try {
            same = Files.isSameFile(modelZip, out);
        } catch (IOException e) {
            same = false;
        }
        if (same) {
            throw new AnomalyException("--output " + out + " is the model itself: the export would replace the trained model; "
                    + "give another file (default: exported.zip beside the model)");
        }
        if (!ModelStore.isExport(out)) {
            throw new AnomalyException("--output " + out + " exists and is not an export written by Export, so it is not "
                    + "replaced: give another file, or delete it first");
        }
    }

    private static Recomputed recompute(ModelStore.Loaded loaded, HfrConfig config) {
        DatasetSplits splits = DatasetFactory.open(config.data());
        InferencePath path = new InferencePath(loaded.model(), loaded.config().model(), loaded.config().train());
        BaselineMap baseline = NormalBaseline.of(loaded.model(), path, config.scoring(), splits.train(), config.data().cutting());
        ValidationEvaluation.Result v = ValidationEvaluation.run(loaded.model(), path, config.scoring(), baseline, splits,
                config.data());
        return new Recomputed(baseline, v == null ? null : v.evaluation().fitted());
    }

    /** Max |difference| of the maps on two random images: guards against an export that silently disagrees. */
    static double selfCheck(ModelStore.Loaded loaded, ScoringConfig scoring, BaselineMap baseline, ComputationGraph graph) {
        HfrModel model = loaded.model();
        Nd4j.getRandom().setSeed(1);
        INDArray rgb = Nd4j.rand(2, 3, model.imageSize(), model.imageSize());
        ScoredBatch expected = new AnomalyScorer(model, new InferencePath(model, loaded.config().model(), loaded.config().train()),
                scoring, baseline).score(rgb);
        INDArray map = graph.output(model.preprocessing().apply(rgb))[0];
        float[] got = map.dup('c').data().asFloat();
        int plane = model.imageSize() * model.imageSize();
        double max = 0;
        for (int i = 0; i < 2; i++) {
            for (int p = 0; p < plane; p++) {
                max = Math.max(max, Math.abs(got[i * plane + p] - expected.maps()[i][p]));
            }
        }
        return max;
    }

    static ExportMetadata metadata(Path modelZip, ModelStore.Loaded loaded, HfrConfig config, Thresholds thresholds) {
        HfrModel model = loaded.model();
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put(ExportGraphBuilder.MAP_OUTPUT, "[N,1," + model.imageSize() + "," + model.imageSize() + "] anomaly map (higher = more anomalous)");
        outputs.put(ExportGraphBuilder.SCORE_OUTPUT, "[N,1] image score = max of the anomaly map");
        Map<String, Object> scoring = new LinkedHashMap<>();
        scoring.put("distance", config.scoring().distance());
        scoring.put("aggregation", config.scoring().aggregation());
        scoring.put("sigma", config.scoring().sigma());
        scoring.put("scoreMode", config.scoring().scoreMode());
        scoring.put("baseline", config.scoring().baseline());
        if (config.data().maxStretch() > 0) {
            // The graph scores one square input; cutting and taking the highest piece score is the caller's.
            scoring.put("maxStretch", config.data().maxStretch());
            scoring.put("pieces", "an image whose long side is more than maxStretch times its short side is cut into "
                    + "round(long / short) equal pieces along the long side; feed each piece; the image score is the "
                    + "highest piece score (org.anomaly4j.data.ImagePieces, org.anomaly4j.pipeline.PieceScorer)");
        }
        if (config.data().cutting().crop() != null) {
            scoring.put("crop", config.data().crop());
            scoring.put("cropping", "feed only the region [x, y, width, height] of every image (then pieces and tiles, if any, "
                    + "within it); outside it the map is the lowest value inside (org.anomaly4j.data.Cutting, "
                    + "org.anomaly4j.pipeline.PieceScorer)");
        }
        if (config.data().tiles() > 1) {
            scoring.put("tiles", config.data().tiles());
            scoring.put("tiling", "every image (or piece) is cut into a tiles x tiles grid of equal cells; feed each cell; "
                    + "the image score is the highest cell score, the map the cells' maps side by side "
                    + "(org.anomaly4j.data.Cutting, org.anomaly4j.pipeline.PieceScorer)");
        }
        Map<String, Object> provenance = new LinkedHashMap<>(loaded.metadata().provenance());
        provenance.put("exported", Instant.now().toString());
        provenance.put("exportedBy", "anomaly4j " + Versions.ANOMALY4J + ", DL4J " + Versions.DL4J);
        provenance.put("sourceModel", modelZip.toString());
        HfrConfig used = new HfrConfig(config.data(), loaded.config().model(), loaded.config().train(), config.scoring());
        return new ExportMetadata(ExportMetadata.FORMAT, 1, model.inputName(), model.imageSize(), outputs,
                loaded.metadata().preprocessing(), model.tapNames(), scoring, thresholds, ExportMetadata.NORMALIZATION,
                loaded.metadata().metrics(), provenance, ConfigLoader.toYaml(used));
    }

    static void write(ComputationGraph graph, ExportMetadata meta, Path out) {
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        try {
            if (out.toAbsolutePath().getParent() != null) {
                Files.createDirectories(out.toAbsolutePath().getParent());
            }
            ModelSerializer.writeModel(graph, tmp.toFile(), false);
            ModelSerializer.addObjectToFile(tmp.toFile(), ExportMetadata.ZIP_ENTRY, JSON.writeValueAsString(meta));
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // nothing more to clean
            }
            throw new AnomalyException("cannot write " + out + ": " + e.getMessage() + " (check free disk space and permissions)", e);
        }
    }
}
