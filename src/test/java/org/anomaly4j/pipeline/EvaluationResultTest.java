package org.anomaly4j.pipeline;

import org.anomaly4j.metrics.EvaluationMetrics;
import org.anomaly4j.scoring.Thresholds;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** False positives at a threshold, and the threshold that lets a given share of the good images through, by hand. */
class EvaluationResultTest {
    private static EvaluationResult of(float[] normals, float[] defects) {
        List<ImageScore> scores = new ArrayList<>();
        for (float s : normals) {
            scores.add(new ImageScore(Path.of("n" + s), "good", 0, s));
        }
        for (float s : defects) {
            scores.add(new ImageScore(Path.of("d" + s), "crack", 1, s));
        }
        EvaluationMetrics m = new EvaluationMetrics(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, scores.size(), defects.length);
        return new EvaluationResult(m, scores, 0, 0, "", null, List.of());
    }

    @Test
    void theLineThresholdLetsAtMostTheGivenShareOfGoodImagesThrough() {
        float[] hundred = new float[100];
        for (int i = 0; i < 100; i++) {
            hundred[i] = i + 1; // 1 … 100
        }
        EvaluationResult e = of(hundred, new float[]{500, 0.5f});
        double t = e.thresholdForNormalFpr(0.01);
        assertThat(t).isGreaterThan(99).isLessThanOrEqualTo(100); // flags 100 only: 1 of 100
        assertThat(e.normalsFlagged(new Thresholds(t, Double.NaN, 0, 1, 0, 1, "t"))).isEqualTo(1);
        assertThat(e.thresholdForNormalFpr(0.05)).isGreaterThan(95).isLessThanOrEqualTo(96);
        double printed = Double.parseDouble(Float.toString((float) t)); // as the report prints it for Predict
        assertThat(e.normalsFlagged(new Thresholds(printed, Double.NaN, 0, 1, 0, 1, "t"))).as("printed: the same images").isEqualTo(1);

        EvaluationResult fifty = of(java.util.Arrays.copyOf(hundred, 50), new float[0]);
        assertThat(fifty.thresholdForNormalFpr(0.01)).as("1 % of 50 rounds down to none").isGreaterThan(50);
        assertThat(fifty.normalsFlaggedText(new Thresholds(45.5, Double.NaN, 0, 1, 0, 1, "t"))).isEqualTo("5 of 50 (10.0 %)");
        assertThat(of(new float[0], new float[]{3}).thresholdForNormalFpr(0.01)).isNaN();
        assertThat(of(new float[0], new float[]{3}).normalsFlaggedText(new Thresholds(1, Double.NaN, 0, 1, 0, 1, "t"))).isEmpty();
    }
}
