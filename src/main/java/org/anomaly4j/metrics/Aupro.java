package org.anomaly4j.metrics;

import java.util.List;

/**
 * Per-region overlap (PRO), integrated over the false-positive rate from 0 to {@code maxFpr} and
 * divided by {@code maxFpr} (the MVTec AD definition: regions are 8-connected components of the
 * ground truth; FPR counts all defect-free pixels of all images; PRO is the mean over all regions
 * of the share of the region above the threshold).
 */
public final class Aupro {
    public static final double DEFAULT_MAX_FPR = 0.3;

    private Aupro() {
    }

    /** maps and masks: one flat array per image, equal lengths per image (mask &gt; 0.5 = defect). */
    public static double compute(List<float[]> maps, List<float[]> masks, int width, double maxFpr) {
        int total = 0;
        for (float[] m : maps) {
            total += m.length;
        }
        float[] scores = new float[total];
        int[] region = new int[total];
        int regions = 0;
        int offset = 0;
        java.util.ArrayList<Integer> sizes = new java.util.ArrayList<>();
        sizes.add(0); // region 0 = defect-free pixels
        for (int i = 0; i < maps.size(); i++) {
            float[] map = maps.get(i);
            int[] labels = ConnectedComponents.label8(masks.get(i), width, map.length / width);
            int base = regions;
            int maxLabel = 0;
            for (int p = 0; p < map.length; p++) {
                scores[offset + p] = map[p];
                region[offset + p] = labels[p] == 0 ? 0 : base + labels[p];
                maxLabel = Math.max(maxLabel, labels[p]);
            }
            for (int r = 1; r <= maxLabel; r++) {
                sizes.add(0);
            }
            for (int p = 0; p < map.length; p++) {
                if (labels[p] != 0) {
                    sizes.set(base + labels[p], sizes.get(base + labels[p]) + 1);
                }
            }
            regions += maxLabel;
            offset += map.length;
        }
        long negatives = 0;
        for (int r : region) {
            negatives += r == 0 ? 1 : 0;
        }
        if (regions == 0 || negatives == 0) {
            return Double.NaN;
        }
        double[] inv = new double[regions + 1];
        for (int r = 1; r <= regions; r++) {
            inv[r] = 1.0 / sizes.get(r);
        }
        SortedScores s = new SortedScores(scores, region);
        double overlapSum = 0;
        long fp = 0;
        double prevFpr = 0;
        double prevPro = 0;
        double area = 0;
        for (int i = 0; i < s.size(); i++) {
            int r = s.payload(i);
            if (r == 0) {
                fp++;
            } else {
                overlapSum += inv[r];
            }
            if (!s.tiedWithNext(i)) {
                double fpr = (double) fp / negatives;
                double pro = overlapSum / regions;
                if (fpr >= maxFpr) {
                    // interpolate the segment up to maxFpr, then stop
                    double t = fpr == prevFpr ? 0 : (maxFpr - prevFpr) / (fpr - prevFpr);
                    double proAtMax = prevPro + t * (pro - prevPro);
                    area += (maxFpr - prevFpr) * (prevPro + proAtMax) / 2;
                    return area / maxFpr;
                }
                area += (fpr - prevFpr) * (prevPro + pro) / 2;
                prevFpr = fpr;
                prevPro = pro;
            }
        }
        return area / maxFpr;
    }
}
