package org.anomaly4j.metrics;

/**
 * The anomalib-style metric set of one evaluation. Pixel metrics are NaN when the dataset has no masks;
 * {@code pixelF1Threshold} is the map value whose defect masks best match the ground truth (for {@code Predict --pixel-threshold}).
 * The average precisions ({@link AveragePrecision}) read against their chance levels: {@link #anomalousFraction} and
 * {@code defectPixelFraction}, the share of defect pixels among all pixels scored.
 */
public record EvaluationMetrics(double imageAuroc, double imageF1Max, double imageF1Threshold,
                                double pixelAuroc, double pixelAupro, int images, int anomalous,
                                double pixelF1Max, double pixelF1Threshold, double imageAp, double pixelAp,
                                double defectPixelFraction) {
    /** Without the pixel F1 and the average precisions (NaN). */
    public EvaluationMetrics(double imageAuroc, double imageF1Max, double imageF1Threshold, double pixelAuroc, double pixelAupro,
                             int images, int anomalous) {
        this(imageAuroc, imageF1Max, imageF1Threshold, pixelAuroc, pixelAupro, images, anomalous, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN);
    }

    /** The image AP's chance level. */
    public double anomalousFraction() {
        return images == 0 ? Double.NaN : (double) anomalous / images;
    }
}
