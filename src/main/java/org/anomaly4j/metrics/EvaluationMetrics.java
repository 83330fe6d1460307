package org.anomaly4j.metrics;

/**
 * The anomalib-style metric set of one evaluation. Pixel metrics are NaN when the dataset has no masks;
 * {@code pixelF1Threshold} is the map value whose defect masks best match the ground truth (for {@code Predict --pixel-threshold}).
 */
public record EvaluationMetrics(double imageAuroc, double imageF1Max, double imageF1Threshold,
                                double pixelAuroc, double pixelAupro, int images, int anomalous,
                                double pixelF1Max, double pixelF1Threshold) {
    /** Without the pixel F1 (NaN). */
    public EvaluationMetrics(double imageAuroc, double imageF1Max, double imageF1Threshold, double pixelAuroc, double pixelAupro,
                             int images, int anomalous) {
        this(imageAuroc, imageF1Max, imageF1Threshold, pixelAuroc, pixelAupro, images, anomalous, Double.NaN, Double.NaN);
    }
}
