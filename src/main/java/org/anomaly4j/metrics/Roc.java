package org.anomaly4j.metrics;

/** Area under the ROC curve; tied scores count as half (the Mann-Whitney convention). */
public final class Roc {
    private Roc() {
    }

    public static double auroc(float[] scores, int[] labels) {
        long pos = SortedScores.positives(labels);
        return auroc(new SortedScores(scores, labels), pos, labels.length - pos);
    }

    static double auroc(SortedScores sorted, long pos, long neg) {
        if (pos == 0 || neg == 0) {
            return Double.NaN;
        }
        double[] area = {0};
        long[] prev = {0, 0}; // true and false positives at the previous threshold
        sorted.walk((tp, fp, threshold) -> {
            area[0] += (fp - prev[1]) * (double) (tp + prev[0]) / 2.0; // trapezoid, in count units
            prev[0] = tp;
            prev[1] = fp;
        });
        return area[0] / ((double) pos * neg);
    }
}
