package org.anomaly4j.metrics;

/**
 * Average precision: the area under the precision-recall curve as a sum over thresholds,
 * {@code sum_n (R_n - R_(n-1)) * P_n} (the step-wise definition of scikit-learn's
 * {@code average_precision_score} and anomalib's AUPR, no interpolation). Unlike the ROC area it is dominated
 * by how the few positives rank against the many negatives, so at the pixel level, where defect pixels are
 * rare, it shows how clean the top of the heat-map is: the share of positives is its chance level.
 */
public final class AveragePrecision {
    private AveragePrecision() {
    }

    /** NaN without positives; tied scores form one threshold. */
    public static double of(float[] scores, int[] labels) {
        return of(new SortedScores(scores, labels), SortedScores.positives(labels));
    }

    static double of(SortedScores sorted, long pos) {
        if (pos == 0) {
            return Double.NaN;
        }
        double[] sum = {0};
        long[] prevTp = {0};
        sorted.walk((tp, fp, threshold) -> {
            sum[0] += (tp - prevTp[0]) * ((double) tp / (tp + fp)); // recall step (in positives) × precision
            prevTp[0] = tp;
        });
        return sum[0] / pos;
    }
}
