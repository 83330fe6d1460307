package org.anomaly4j.pipeline;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.anomaly4j.AnomalyException;
import org.anomaly4j.config.ConfigLoader;
import org.anomaly4j.config.HfrConfig;
import org.anomaly4j.model.HfrModel;
import org.anomaly4j.model.encoder.Preprocessing;
import org.anomaly4j.scoring.BaselineMap;
import org.anomaly4j.scoring.NormalBaseline;
import org.anomaly4j.scoring.Thresholds;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Saves and loads {@code model.zip}: a plain DL4J ComputationGraph zip (loadable with
 * {@code ModelSerializer.restoreComputationGraph}) plus the metadata JSON entry. Written to a
 * temporary name and moved into place, so a crash never leaves a half-written model.
 */
public final class ModelStore {
    static {
        org.anomaly4j.model.OneDnnHelpers.enable(); // before any layer is created
    }

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ModelStore() {
    }

    /** A loaded model with the config it was trained with, and the file it came from. */
    public record Loaded(HfrModel model, HfrConfig config, ModelMetadata metadata, BaselineMap baseline, Path file) {
        /** Thresholds chosen at training time (null when there were no validation images). */
        public Thresholds thresholds() {
            return metadata.thresholds();
        }
    }

    public static void save(HfrModel model, HfrConfig config, Map<String, Object> metrics, Map<String, Object> provenance,
                            Thresholds thresholds, BaselineMap baseline, Path file) {
        Map<String, Object> pre = new LinkedHashMap<>();
        Preprocessing p = model.preprocessing();
        pre.put("name", p.name());
        pre.put("input", "RGB in [0,1], NCHW, resized to " + model.imageSize() + "x" + model.imageSize());
        if (model.sampleBits() > 0) { // an app feeding the exported graph must scale such images the same way
            pre.put("sampleBits", model.sampleBits());
            pre.put("sampleScaling", "samples stored with more than " + model.sampleBits() + " bits are shifted left to fill "
                    + "their container (16-bit: times 2^(16 - " + model.sampleBits() + "), saturating) before the 8-bit conversion");
        }
        pre.put("bgr", p.bgr());
        pre.put("scale", p.scale());
        pre.put("mean", p.mean());
        pre.put("std", p.std());
        ModelMetadata meta = new ModelMetadata(ModelMetadata.FORMAT, 1, model.inputName(), model.imageSize(), model.taps(),
                model.reconstructions(), model.lossOutputs(), pre, model.encoderKind(), model.weightsSource(),
                model.pretrainedEncoder(), ConfigLoader.toYaml(config), metrics, provenance, thresholds);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            ModelSerializer.writeModel(model.graph(), tmp.toFile(), false);
            ModelSerializer.addObjectToFile(tmp.toFile(), ModelMetadata.ZIP_ENTRY, JSON.writeValueAsString(meta));
            if (baseline != null) {
                ModelSerializer.addObjectToFile(tmp.toFile(), ModelMetadata.BASELINE_ENTRY, baseline.mean());
                if (baseline.inverseSpread() != null) {
                    ModelSerializer.addObjectToFile(tmp.toFile(), ModelMetadata.BASELINE_SPREAD_ENTRY, baseline.inverseSpread());
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // nothing more to clean
            }
            throw new AnomalyException("cannot write model " + file + ": " + e.getMessage() + " (check free disk space and permissions)", e);
        }
    }

    /**
     * What a trained model.zip carries beside its graph, read without loading the graph (seconds less, and no native
     * memory): for looking at a model ({@code Info}) as well as for {@link #load}.
     */
    public static ModelMetadata metadata(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new AnomalyException("model file not found: " + file + " (give the model.zip of a Train run, e.g. reports/<run>/model.zip)");
        }
        String json;
        try {
            json = ModelSerializer.getObjectFromFile(file.toFile(), ModelMetadata.ZIP_ENTRY);
        } catch (Exception e) {
            if (isExport(file)) {
                throw new AnomalyException(file + " is an exported scoring graph (written by Export); give the model.zip written by Train", e);
            }
            throw new AnomalyException(file + " is not an anomaly4j model (no " + ModelMetadata.ZIP_ENTRY
                    + " entry: another DL4J model, or not a model zip); train one with Train", e);
        }
        ModelMetadata meta;
        try {
            meta = JSON.readValue(json, ModelMetadata.class);
        } catch (IOException e) {
            throw new AnomalyException(file + ": unreadable " + ModelMetadata.ZIP_ENTRY + ": " + e.getMessage(), e);
        }
        if (!ModelMetadata.FORMAT.equals(meta.format())) {
            throw new AnomalyException(file + ": model format '" + meta.format() + "' is not " + ModelMetadata.FORMAT);
        }
        return meta;
    }

    public static Loaded load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new AnomalyException("model file not found: " + file + " (give the model.zip of a Train run, e.g. reports/<run>/model.zip)");
        }
        ComputationGraph graph;
        try {
            graph = ModelSerializer.restoreComputationGraph(file.toFile(), false);
        } catch (Exception | Error e) {
            throw new AnomalyException("cannot load " + file + " as a DL4J model: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + " (truncated or not a model zip; re-export it)", e);
        }
        ModelMetadata meta = metadata(file);
        HfrConfig config = ConfigLoader.fromYaml(meta.configYaml(), file + "!" + ModelMetadata.ZIP_ENTRY);
        Map<String, Object> pre = meta.preprocessing();
        Preprocessing p = new Preprocessing((String) pre.get("name"), (Boolean) pre.get("bgr"),
                ((Number) pre.get("scale")).doubleValue(), toDoubles(pre.get("mean")), toDoubles(pre.get("std")));
        HfrModel model = new HfrModel(graph, meta.inputName(), meta.imageSize(), meta.taps(), meta.reconstructions(),
                meta.lossOutputs(), p, meta.encoder(), meta.weightsSource(), meta.pretrainedEncoder(), config.data().sampleBits());
        String kind = config.scoring().baseline();
        BaselineMap baseline = null;
        if (NormalBaseline.MEAN.equals(kind) || NormalBaseline.ZSCORE.equals(kind)) {
            float[] mean = storedMap(file, kind, ModelMetadata.BASELINE_ENTRY);
            baseline = new BaselineMap(mean, NormalBaseline.ZSCORE.equals(kind)
                    ? storedMap(file, kind, ModelMetadata.BASELINE_SPREAD_ENTRY) : null);
        }
        return new Loaded(model, config, meta, baseline, file);
    }

    private static float[] storedMap(Path file, String kind, String entry) {
        try {
            return ModelSerializer.getObjectFromFile(file.toFile(), entry);
        } catch (Exception e) {
            throw new AnomalyException(file + ": scoring.baseline is " + kind + " but the " + entry
                    + " entry is missing or unreadable (" + e.getMessage() + "); re-train the model", e);
        }
    }

    /** Whether {@code file} is a scoring graph written by Export (it holds the export metadata entry). */
    public static boolean isExport(Path file) {
        return hasEntry(file, "objects/anomaly4j-export.json");
    }

    private static boolean hasEntry(Path zip, String entry) {
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(zip.toFile())) {
            return z.getEntry(entry) != null;
        } catch (IOException e) {
            return false;
        }
    }

    private static double[] toDoubles(Object o) {
        List<?> list = (List<?>) o;
        double[] d = new double[list.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = ((Number) list.get(i)).doubleValue();
        }
        return d;
    }
}
