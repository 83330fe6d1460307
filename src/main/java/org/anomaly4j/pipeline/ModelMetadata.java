package org.anomaly4j.pipeline;

import org.anomaly4j.model.TapShape;
import org.anomaly4j.scoring.Thresholds;

import java.util.List;
import java.util.Map;

/**
 * What a saved {@code model.zip} carries beside the graph (a JSON string entry), so any DL4J app
 * knows how to feed it and anomaly4j can score with it again. {@code thresholds} (null when the run had
 * no validation images) were chosen on validation for the model's own scoring settings; the
 * baseline's mean map, when scoring uses one, is the {@value #BASELINE_ENTRY} entry (float[]); for
 * {@code train-zscore} its inverse spread is the {@value #BASELINE_SPREAD_ENTRY} entry.
 */
public record ModelMetadata(
        String format,
        int formatVersion,
        String inputName,
        int imageSize,
        List<TapShape> taps,
        List<String> reconstructions,
        List<String> lossOutputs,
        Map<String, Object> preprocessing,
        String encoder,
        String weightsSource,
        boolean pretrainedEncoder,
        String configYaml,
        Map<String, Object> metrics,
        Map<String, Object> provenance,
        Thresholds thresholds) {

    public static final String FORMAT = "anomaly4j-hfr";
    public static final String ZIP_ENTRY = "anomaly4j-metadata.json";
    public static final String BASELINE_ENTRY = "anomaly4j-baseline";
    public static final String BASELINE_SPREAD_ENTRY = "anomaly4j-baseline-inverse-spread";
}
