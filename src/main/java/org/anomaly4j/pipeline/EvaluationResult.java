package org.anomaly4j.pipeline;

import org.anomaly4j.metrics.EvaluationMetrics;

import java.util.List;

/**
 * Metrics of one evaluation, every image's score, the wall time, and why pixel metrics are
 * missing when they are.
 */
public record EvaluationResult(EvaluationMetrics metrics, List<ImageScore> scores, double seconds,
                               double imagesPerSecond, String pixelNote) {
}
