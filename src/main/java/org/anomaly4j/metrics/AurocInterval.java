package org.anomaly4j.metrics;

import java.util.Arrays;

/**
 * How far an image AUROC could move on another draw of images of the same kind: DeLong's standard
 * error and the normal-approximation 95 % interval around the AUROC. Two settings whose AUROCs on a
 * small validation set lie within each other's intervals are not told apart by that set (152
 * validation images give about +-0.06 near 0.8). NaN when a class has fewer than two images.
 *
 * @param auroc         the AUROC (ties count half, as in {@link Roc})
 * @param standardError DeLong's estimate
 * @param lower         auroc - 1.96 standard errors, not below 0
 * @param upper         auroc + 1.96 standard errors, not above 1
 */
public record AurocInterval(double auroc, double standardError, double lower, double upper) {
    private static final double Z95 = 1.959964;

    /**
     * DeLong, DeLong and Clarke-Pearson (1988): each anomalous image's share of normals it outscores
     * and each normal's share of anomalies that outscore it; their sample variances, over the class
     * sizes, add up to the AUROC's variance. Sorting makes it O(n log n), for large one-class test sets.
     */
    public static AurocInterval delong(float[] scores, int[] labels) {
        int pos = 0;
        for (int l : labels) {
            pos += l != 0 ? 1 : 0;
        }
        int neg = labels.length - pos;
        if (pos < 2 || neg < 2) {
            return new AurocInterval(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        float[] p = new float[pos];
        float[] n = new float[neg];
        for (int i = 0, a = 0, b = 0; i < labels.length; i++) {
            if (labels[i] != 0) {
                p[a++] = scores[i];
            } else {
                n[b++] = scores[i];
            }
        }
        Arrays.sort(p);
        Arrays.sort(n);
        double[] v10 = new double[pos]; // per anomalous image: share of normals below it, ties half
        for (int i = 0; i < pos; i++) {
            v10[i] = (count(n, p[i], true) + count(n, p[i], false)) / (2.0 * neg);
        }
        double[] v01 = new double[neg]; // per normal: share of anomalies above it, ties half
        for (int j = 0; j < neg; j++) {
            v01[j] = (2.0 * pos - count(p, n[j], true) - count(p, n[j], false)) / (2.0 * pos);
        }
        double auroc = mean(v10);
        double se = Math.sqrt(sampleVariance(v10) / pos + sampleVariance(v01) / neg);
        return new AurocInterval(auroc, se, Math.max(0, auroc - Z95 * se), Math.min(1, auroc + Z95 * se));
    }

    /** Count of sorted values below x ({@code strict}) or at most x; (strict + not strict) / 2 counts ties half. */
    private static int count(float[] sorted, float x, boolean strict) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < x || (!strict && sorted[mid] == x)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double sampleVariance(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return s / (v.length - 1);
    }
}
