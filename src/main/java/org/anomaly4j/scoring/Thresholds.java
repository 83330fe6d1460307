package org.anomaly4j.scoring;

/**
 * Decision thresholds for image scores and map pixels, and the anomalib normalisation that maps each
 * threshold to 0.5: {@code clip((x - threshold) / (max - min) + 0.5, 0, 1)}, with min and max of the
 * set the thresholds were chosen on. Chosen F1-optimally on a labelled validation set, or at a
 * false-positive rate on held-out normals when no labels exist; {@code source} says which.
 */
public record Thresholds(double image, double pixel, double imageMin, double imageMax,
                         double pixelMin, double pixelMax, String source) {

    public double normalizeImage(double score) {
        return normalize(score, image, imageMin, imageMax);
    }

    public double normalizePixel(double value) {
        return normalize(value, pixel, pixelMin, pixelMax);
    }

    public boolean anomalous(double score) {
        return score >= image;
    }

    /** The same thresholds with another image threshold, chosen by the user (e.g. on labelled images of their own line). */
    public Thresholds withImage(double newImage, String why) {
        return new Thresholds(newImage, pixel, imageMin, imageMax, pixelMin, pixelMax, why + " (the model's: " + source + ")");
    }

    /** The same thresholds with another pixel threshold, chosen by the user (e.g. Evaluate's pixel_F1Max_threshold). */
    public Thresholds withPixel(double newPixel, String why) {
        return new Thresholds(image, newPixel, imageMin, imageMax, pixelMin, pixelMax, why + "; " + source);
    }

    /**
     * A user's image threshold over a model's stored thresholds ({@link #withImage}), or alone when the model stores
     * none ({@code stored} null): then labels, but no pixel threshold and no normalisation.
     */
    public static Thresholds userImage(Thresholds stored, double image, String why) {
        return stored != null ? stored.withImage(image, why)
                : new Thresholds(image, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, why);
    }

    static double normalize(double x, double threshold, double min, double max) {
        if (!Double.isFinite(min) || !Double.isFinite(max)) {
            return Double.NaN; // no range to normalise by
        }
        double range = max - min;
        double v = (x - threshold) / (range > 0 ? range : 1.0) + 0.5;
        return Math.max(0, Math.min(1, v));
    }

    /** The value at the (1 - fpr) quantile of normal scores: a fraction fpr of normals lies above it. */
    public static double atFalsePositiveRate(float[] normalScores, double fpr) {
        float[] s = normalScores.clone();
        java.util.Arrays.sort(s);
        int idx = (int) Math.ceil((1 - fpr) * s.length) - 1;
        return s[Math.max(0, Math.min(s.length - 1, idx))];
    }
}
