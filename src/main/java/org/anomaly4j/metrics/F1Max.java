package org.anomaly4j.metrics;

/** Best F1 over all thresholds, and the threshold that reaches it (predict anomalous when score &gt;= threshold). */
public record F1Max(double f1, double threshold) {

    public static F1Max of(float[] scores, int[] labels) {
        return weighted(new SortedScores(scores, labels), SortedScores.positives(labels), 1);
    }

    /**
     * The best F1 with every normal counted as many times as there are anomalies per normal, as if the set held
     * as many of each: its threshold does not move with the share of anomalies in the set (a validation set
     * with several defective copies of each normal). The same as {@link #of} on a balanced set.
     */
    public static F1Max balanced(float[] scores, int[] labels) {
        long pos = SortedScores.positives(labels);
        long neg = labels.length - pos;
        return weighted(new SortedScores(scores, labels), pos, neg == 0 ? 1 : (double) pos / neg);
    }

    /** {@code normalWeight}: how much one false positive counts against F1. */
    static F1Max weighted(SortedScores sorted, long pos, double normalWeight) {
        if (pos == 0) {
            return new F1Max(Double.NaN, Double.NaN);
        }
        double[] best = {0, Double.NaN}; // F1 and its threshold
        sorted.walk((tp, fp, threshold) -> {
            double f1 = 2.0 * tp / (tp + normalWeight * fp + pos); // 2PR/(P+R) = 2tp / (predicted + actual)
            if (f1 > best[0]) {
                best[0] = f1;
                best[1] = threshold;
            }
        });
        return new F1Max(best[0], best[1]);
    }

    /** F1 when every score &gt;= threshold is called anomalous (NaN without positives). */
    public static double at(float[] scores, int[] labels, double threshold) {
        long tp = 0;
        long predicted = 0;
        long actual = 0;
        for (int i = 0; i < scores.length; i++) {
            boolean p = scores[i] >= threshold;
            predicted += p ? 1 : 0;
            actual += labels[i] != 0 ? 1 : 0;
            tp += p && labels[i] != 0 ? 1 : 0;
        }
        return actual == 0 ? Double.NaN : 2.0 * tp / (predicted + actual);
    }
}
