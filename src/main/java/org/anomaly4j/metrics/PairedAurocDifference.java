package org.anomaly4j.metrics;

import java.util.Arrays;
import java.util.Random;

/**
 * Whether one model's image AUROC beats another's on the same images beyond the noise of the set: the difference
 * B - A with a paired bootstrap 95 % interval (the same resampled images score both models). Images that are not
 * independent, such as a held-out normal and the synthetic defective copies made of it, form a cluster and are drawn
 * together. The project's rule for choosing a setting: only when the interval lies above 0.
 *
 * @param clusters how many independent units were resampled
 */
public record PairedAurocDifference(double aurocA, double aurocB, double difference, double lower, double upper,
                                    int resamples, int clusters) {

    /** "B better", "A better" or "a tie" (the interval holds 0). */
    public String verdict() {
        return lower > 0 ? "B better" : upper < 0 ? "A better" : "a tie";
    }

    /**
     * @param cluster each image's cluster (0 .. clusters-1); images with the same id are resampled together
     */
    public static PairedAurocDifference of(float[] a, float[] b, int[] labels, int[] cluster, int resamples, long seed) {
        if (a.length != b.length || a.length != labels.length || a.length != cluster.length) {
            throw new IllegalArgumentException("the two models' scores must be for the same images");
        }
        int clusters = Arrays.stream(cluster).max().orElse(-1) + 1;
        int[][] members = new int[clusters][];
        int[] counts = new int[clusters];
        for (int c : cluster) {
            counts[c]++;
        }
        for (int c = 0; c < clusters; c++) {
            members[c] = new int[counts[c]];
            counts[c] = 0;
        }
        for (int i = 0; i < cluster.length; i++) {
            members[cluster[i]][counts[cluster[i]]++] = i;
        }
        double aurocA = Roc.auroc(a, labels);
        double aurocB = Roc.auroc(b, labels);
        Random rnd = new Random(seed);
        double[] diffs = new double[resamples];
        int kept = 0;
        for (int r = 0; r < resamples; r++) {
            int n = 0;
            int[] drawn = new int[a.length * 2];
            for (int k = 0; k < clusters; k++) {
                int[] m = members[rnd.nextInt(clusters)];
                if (n + m.length > drawn.length) {
                    drawn = Arrays.copyOf(drawn, 2 * (n + m.length));
                }
                System.arraycopy(m, 0, drawn, n, m.length);
                n += m.length;
            }
            float[] ra = new float[n];
            float[] rb = new float[n];
            int[] rl = new int[n];
            for (int i = 0; i < n; i++) {
                ra[i] = a[drawn[i]];
                rb[i] = b[drawn[i]];
                rl[i] = labels[drawn[i]];
            }
            double d = Roc.auroc(rb, rl) - Roc.auroc(ra, rl);
            if (!Double.isNaN(d)) { // a resample with one class only has no AUROC
                diffs[kept++] = d;
            }
        }
        double[] sorted = Arrays.copyOf(diffs, kept);
        Arrays.sort(sorted);
        double lower = kept == 0 ? Double.NaN : sorted[(int) Math.floor(0.025 * (kept - 1))];
        double upper = kept == 0 ? Double.NaN : sorted[(int) Math.ceil(0.975 * (kept - 1))];
        return new PairedAurocDifference(aurocA, aurocB, aurocB - aurocA, lower, upper, kept, clusters);
    }
}
