package org.anomaly4j.pipeline;

import org.anomaly4j.metrics.EvaluationMetrics;
import org.anomaly4j.scoring.Thresholds;

import java.util.List;

/**
 * Metrics of one evaluation, every image's score, the wall time, why pixel metrics are missing when
 * they are, and the thresholds this set would choose ({@code fitted}: F1-optimal where it has
 * anomalies, else at {@link #NORMAL_FPR} on its normals; used when it is the validation set) and the
 * pixel AUROC per defect type (empty without masks or with fewer than two types).
 */
public record EvaluationResult(EvaluationMetrics metrics, List<ImageScore> scores, double seconds,
                               double imagesPerSecond, String pixelNote, Thresholds fitted,
                               List<PixelAurocByDefectType.Row> pixelByType) {
    /** False-positive rate for thresholds chosen on normal images only. */
    public static final double NORMAL_FPR = 0.01;

    /** Every image's score, in {@link #scores()} order. */
    public float[] scoreArray() {
        float[] v = new float[scores.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = scores.get(i).score();
        }
        return v;
    }

    /** How many of the normal images a threshold labels anomalous: its false positives. */
    public int normalsFlagged(Thresholds t) {
        return (int) scores.stream().filter(s -> s.label() == 0 && t.anomalous(s.score())).count();
    }

    /** One line on the false positives at {@code t} ("3 of 190 (1.6 %)"), or "" without normals. */
    public String normalsFlaggedText(Thresholds t) {
        int normals = metrics.images() - metrics.anomalous();
        if (t == null || normals == 0) {
            return "";
        }
        int k = normalsFlagged(t);
        return String.format("%d of %d (%.1f %%)", k, normals, 100.0 * k / normals);
    }

    /** The false-positive rate of good images a line usually accepts, for {@link #thresholdForNormalFpr}. */
    public static final double LINE_FPR = 0.01;

    /**
     * The lowest image threshold that flags at most {@code fpr} of this set's normal images (NaN without normals): a
     * threshold calibrated on good images, for {@code Predict --image-threshold}. Chosen on these images, so on new ones
     * it flags somewhat more.
     */
    public double thresholdForNormalFpr(double fpr) {
        float[] normals = new float[metrics.images() - metrics.anomalous()];
        int n = 0;
        for (ImageScore s : scores) {
            if (s.label() == 0) {
                normals[n++] = s.score();
            }
        }
        if (n == 0) {
            return Double.NaN;
        }
        java.util.Arrays.sort(normals, 0, n);
        int allowed = (int) Math.floor(fpr * n + 1e-9);
        // the next float above the highest normal let through: printed, it reads back as itself
        return allowed >= n ? normals[0] : Math.nextUp(normals[n - allowed - 1]);
    }

    /** Every image's ground truth (1 = anomalous), in {@link #scores()} order. */
    public int[] labelArray() {
        return scores.stream().mapToInt(ImageScore::label).toArray();
    }
}
