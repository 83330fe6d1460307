package org.anomaly4j.metrics;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/** Hand-computed expectations for the ranking metrics. */
class MetricsTest {

    @Test
    void aurocPerfectInverseAndTies() {
        assertThat(Roc.auroc(new float[]{0.1f, 0.2f, 0.8f, 0.9f}, new int[]{0, 0, 1, 1})).isEqualTo(1.0);
        assertThat(Roc.auroc(new float[]{0.9f, 0.8f, 0.2f, 0.1f}, new int[]{0, 0, 1, 1})).isEqualTo(0.0);
        assertThat(Roc.auroc(new float[]{0.5f, 0.5f, 0.5f, 0.5f}, new int[]{0, 1, 0, 1})).isEqualTo(0.5);
    }

    @Test
    void aurocHandComputedWithATie() {
        // positives 0.8, 0.4; negatives 0.6, 0.4, 0.1. Pairs (pos > neg): 0.8 beats all 3; 0.4 beats 0.1, ties 0.4.
        // (3 + 1 + 0.5) / 6 = 0.75
        assertThat(Roc.auroc(new float[]{0.8f, 0.4f, 0.6f, 0.4f, 0.1f}, new int[]{1, 1, 0, 0, 0})).isCloseTo(0.75, offset(1e-12));
    }

    @Test
    void aurocHandlesNegativeScores() {
        assertThat(Roc.auroc(new float[]{-3f, -1f, -2f, 0f}, new int[]{0, 1, 0, 1})).isEqualTo(1.0);
        assertThat(Float.compare(SortedScores.unsortable(SortedScores.sortable(-2.5f)), -2.5f)).isZero();
    }

    @Test
    void aurocIsNaNWithOneClass() {
        assertThat(Roc.auroc(new float[]{1f, 2f}, new int[]{1, 1})).isNaN();
    }

    @Test
    void f1MaxHandComputed() {
        // sorted: 0.9(1) 0.8(0) 0.7(1) 0.2(0); P=2
        // t=0.9: tp1 fp0 -> 2/(1+2)=0.667; t=0.8: tp1 fp1 -> 0.5; t=0.7: tp2 fp1 -> 4/5=0.8; t=0.2: 4/6
        F1Max f = F1Max.of(new float[]{0.9f, 0.8f, 0.7f, 0.2f}, new int[]{1, 0, 1, 0});
        assertThat(f.f1()).isCloseTo(0.8, offset(1e-12));
        assertThat(f.threshold()).isCloseTo(0.7, offset(1e-6));
    }

    @Test
    void averagePrecisionHandComputed() {
        // sorted: 0.9(1) 0.8(0) 0.7(1) 0.2(0); P=2. Recall steps: at 0.9 +1/2 at precision 1; at 0.7 +1/2 at 2/3.
        // AP = 0.5 * 1 + 0.5 * 2/3 = 5/6 (scikit-learn's average_precision_score gives the same)
        assertThat(AveragePrecision.of(new float[]{0.9f, 0.8f, 0.7f, 0.2f}, new int[]{1, 0, 1, 0})).isCloseTo(5.0 / 6, offset(1e-12));
        assertThat(AveragePrecision.of(new float[]{0.1f, 0.2f, 0.8f, 0.9f}, new int[]{0, 0, 1, 1})).isEqualTo(1.0);
    }

    @Test
    void averagePrecisionTiesFormOneThresholdAndInverseRankingIsTheShareOfPositives() {
        // all tied: one threshold, recall 0 -> 1 at precision 2/4
        assertThat(AveragePrecision.of(new float[]{0.5f, 0.5f, 0.5f, 0.5f}, new int[]{0, 1, 0, 1})).isEqualTo(0.5);
        // positives last: 0.2(1) reached at precision 1/3, 0.1(1) at 2/4 -> (1/3 + 1/2) / 2 = 5/12
        assertThat(AveragePrecision.of(new float[]{0.9f, 0.8f, 0.2f, 0.1f}, new int[]{0, 0, 1, 1})).isCloseTo(5.0 / 12, offset(1e-12));
        assertThat(AveragePrecision.of(new float[]{1f, 2f}, new int[]{0, 0})).isNaN();
    }

    @Test
    void connectedComponentsUse8Connectivity() {
        float[] m = {
                1, 0, 0, 0,
                0, 1, 0, 1,
                0, 0, 0, 1,
                1, 0, 0, 0};
        int[] l = ConnectedComponents.label8(m, 4, 4);
        assertThat(l[0]).isEqualTo(l[5]).isNotZero();          // diagonal neighbours join
        assertThat(l[7]).isEqualTo(l[11]).isNotEqualTo(l[0]);
        assertThat(l[12]).isNotZero().isNotEqualTo(l[0]).isNotEqualTo(l[7]);
        assertThat(java.util.Arrays.stream(l).max().getAsInt()).isEqualTo(3);
    }

    @Test
    void auproPerfectMapIsOne() {
        float[] mask = {0, 0, 1, 1, 0, 0, 0, 0, 0};
        float[] map = {0, 0, 5, 5, 0, 0, 0, 0, 0};
        assertThat(Aupro.compute(List.of(map), List.of(mask), 3, 0.3)).isCloseTo(1.0, offset(1e-9));
    }

    @Test
    void auproHandComputed() {
        // One image 1x5, one region of 2 pixels {0,1}; 3 defect-free pixels {2,3,4}.
        // Scores: p0=0.9 (region), p2=0.8 (normal), p1=0.7 (region), p3=0.2, p4=0.1.
        // Curve (fpr, pro): (0,0) -> (0,0.5) -> (1/3,0.5) -> (1/3,1) -> ...
        // Up to fpr 0.3 the PRO is 0.5 on [0, 0.3] (the step at 0 happens at fpr 0) -> area 0.15 -> /0.3 = 0.5.
        float[] mask = {1, 1, 0, 0, 0};
        float[] map = {0.9f, 0.7f, 0.8f, 0.2f, 0.1f};
        // trapezoid between (0,0.5) and (1/3,0.5) interpolated at 0.3 -> 0.5
        assertThat(Aupro.compute(List.of(map), List.of(mask), 5, 0.3)).isCloseTo(0.5, offset(1e-9));
    }

    @Test
    void auproAveragesOverRegionsNotPixels() {
        // Two regions: big (4 px) fully found first, small (1 px) never above any normal pixel.
        float[] mask = {1, 1, 1, 1, 0, 0, 0, 0, 0, 1};
        float[] map = {9, 9, 9, 9, 5, 5, 5, 5, 5, 0};
        // at fpr 0: PRO = (1 + 0)/2 = 0.5; at fpr 1: small region still 0 until the last pixel -> 0.5 over [0,0.3]
        assertThat(Aupro.compute(List.of(map), List.of(mask), 10, 0.3)).isCloseTo(0.5, offset(1e-9));
    }

    @Test
    void balancedF1CountsEachNormalAsManyTimesAsThereAreAnomaliesPerNormal() {
        float[] scores = {5, 4, 3, 2, 1};
        int[] labels = {1, 1, 0, 1, 0};
        // 3 anomalies, 2 normals: a false positive weighs 1.5. F1 at >=4: 2*2/(2+0+3) = 0.8 either way;
        // at >=2: 6/(3+1+3) = 0.857 plain, 6/(3+1.5+3) = 0.8 balanced (not better than 0.8, so >=4 stays)
        assertThat(F1Max.of(scores, labels).threshold()).isEqualTo(2.0);
        assertThat(F1Max.of(scores, labels).f1()).isCloseTo(6.0 / 7, offset(1e-12));
        assertThat(F1Max.balanced(scores, labels).threshold()).isEqualTo(4.0);
        assertThat(F1Max.balanced(scores, labels).f1()).isCloseTo(0.8, offset(1e-12));
        // on a set with as many normals as anomalies the two agree
        float[] even = {0.9f, 0.8f, 0.7f, 0.2f};
        int[] evenLabels = {1, 0, 1, 0};
        assertThat(F1Max.balanced(even, evenLabels)).isEqualTo(F1Max.of(even, evenLabels));
    }
}
