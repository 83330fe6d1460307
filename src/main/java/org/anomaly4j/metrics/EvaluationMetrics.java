package org.anomaly4j.metrics;

/**
 * The anomalib-style metric set of one evaluation. Pixel metrics are NaN when the dataset has no masks.
 */
public record EvaluationMetrics(double imageAuroc, double imageF1Max, double imageF1Threshold,
                                double pixelAuroc, double pixelAupro, int images, int anomalous) {
}
