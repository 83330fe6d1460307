package org.anomaly4j.metrics;

/** Area under the ROC curve; tied scores count as half (the Mann-Whitney convention). */
public final class Roc {
    private Roc() {
    }

    public static double auroc(float[] scores, int[] labels) {
        SortedScores s = new SortedScores(scores, labels);
        long pos = 0;
        long neg = 0;
        for (int l : labels) {
            if (l != 0) {
                pos++;
            } else {
                neg++;
            }
        }
        if (pos == 0 || neg == 0) {
            return Double.NaN;
        }
        double area = 0;
        long tp = 0;
        long fp = 0;
        long prevTp = 0;
        long prevFp = 0;
        for (int i = 0; i < s.size(); i++) {
            if (s.payload(i) != 0) {
                tp++;
            } else {
                fp++;
            }
            if (!s.tiedWithNext(i)) {
                area += (fp - prevFp) * (double) (tp + prevTp) / 2.0; // trapezoid, in count units
                prevTp = tp;
                prevFp = fp;
            }
        }
        return area / ((double) pos * neg);
    }
}
