package org.anomaly4j.scoring;

import java.util.Arrays;

/** How an image score is read off its anomaly map. */
public enum ScoreMode {
    MAX, TOPK, MEAN;

    public static ScoreMode parse(String s) {
        return valueOf(s.toUpperCase(java.util.Locale.ROOT));
    }

    /**
     * Max of the map, the mean of its {@code k} highest pixels, or the mean of the whole map (for
     * semantic novelty, where the whole object differs rather than a small spot).
     */
    public float score(float[] map, int k) {
        if (this == MEAN) {
            double sum = 0;
            for (float v : map) {
                sum += v;
            }
            return (float) (sum / map.length);
        }
        if (this == MAX) {
            float m = Float.NEGATIVE_INFINITY;
            for (float v : map) {
                m = Math.max(m, v);
            }
            return m;
        }
        float[] sorted = map.clone();
        Arrays.sort(sorted);
        int n = Math.min(k, sorted.length);
        double sum = 0;
        for (int i = sorted.length - n; i < sorted.length; i++) {
            sum += sorted[i];
        }
        return (float) (sum / n);
    }
}
