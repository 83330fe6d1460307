package org.anomaly4j.scoring;

/** How the upsampled per-scale error maps are combined into one map. */
public enum Aggregation {
    SUM, PRODUCT;

    public static Aggregation parse(String s) {
        return valueOf(s.toUpperCase(java.util.Locale.ROOT));
    }

    /** Combines maps of equal length; the inputs are not modified. */
    public float[] combine(java.util.List<float[]> maps) {
        float[] out = maps.get(0).clone();
        for (int k = 1; k < maps.size(); k++) {
            float[] m = maps.get(k);
            for (int i = 0; i < out.length; i++) {
                out[i] = this == SUM ? out[i] + m[i] : out[i] * m[i];
            }
        }
        return out;
    }
}
