package org.anomaly4j.config;

/**
 * How reconstruction errors become an anomaly map and an image score.
 *
 * @param distance    per-pixel error of a scale: {@code cosine} (1 - cos along channels) or {@code mse}
 * @param aggregation {@code sum} or {@code product} of the upsampled per-scale maps
 * @param sigma       Gaussian smoothing of the aggregated map, in pixels (0 = none)
 * @param scoreMode   {@code max}, {@code topk} (mean of the topK highest pixels) or {@code mean} (of the whole map)
 * @param topK        pixels averaged by {@code topk}
 * @param batchSize   images per scoring batch
 * @param baseline    {@code none}, or {@code train-mean}: subtract the mean anomaly map of up to
 *                    {@code baselineImages} training normals, removing errors that every image has at
 *                    the same place (image borders, fixture edges) before the image score is taken;
 *                    or {@code train-zscore}: also divide by those normals' per-pixel spread
 * @param baselineImages training normals averaged for the baseline
 */
public record ScoringConfig(
        String distance,
        String aggregation,
        double sigma,
        String scoreMode,
        int topK,
        int batchSize,
        String baseline,
        int baselineImages) {
}
