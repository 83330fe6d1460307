package org.anomaly4j.export;

import org.anomaly4j.scoring.Thresholds;

import java.util.List;
import java.util.Map;

/**
 * The JSON entry ({@value #ZIP_ENTRY}, a String read with {@code ModelSerializer.getObjectFromFile})
 * of an exported zip: everything a DL4J app needs to feed the graph and act on its outputs, and where
 * the model came from.
 *
 * @param preprocessing how to turn an image into the input: RGB in [0,1] NCHW at imageSize, optional
 *                      RGB-to-BGR swap, times {@code scale}, then per channel (x - mean) / std
 * @param outputs       output name to its shape and meaning
 * @param normalization the formula that maps a threshold to 0.5 (anomalib convention)
 */
public record ExportMetadata(
        String format,
        int formatVersion,
        String inputName,
        int imageSize,
        Map<String, String> outputs,
        Map<String, Object> preprocessing,
        List<String> taps,
        Map<String, Object> scoring,
        Thresholds thresholds,
        String normalization,
        Map<String, Object> metricsAtTraining,
        Map<String, Object> provenance,
        String configYaml) {

    public static final String FORMAT = "anomaly4j-exported-hfr";
    public static final String ZIP_ENTRY = "anomaly4j-export.json";
    public static final String NORMALIZATION = "clip((x - threshold) / (max - min) + 0.5, 0, 1)";
}
