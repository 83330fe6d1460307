package org.anomaly4j.scoring;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

class ScoringTest {

    @Test
    void bilinearKeepsConstantsAndInterpolatesWithHalfPixelCentres() {
        float[] c = BilinearUpsampler.resize(new float[]{3, 3, 3, 3}, 2, 2, 5, 7);
        for (float v : c) {
            assertThat(v).isEqualTo(3f);
        }
        // 1x2 [0, 4] -> 1x4: centres at -0.25, 0.25, 0.75, 1.25 (clamped) -> 0, 1, 3, 4
        float[] r = BilinearUpsampler.resize(new float[]{0, 4}, 1, 2, 1, 4);
        assertThat(r).containsExactly(0f, 1f, 3f, 4f);
    }

    @Test
    void gaussianPreservesMassAndSpreadsAPeak() {
        float[] m = new float[21 * 21];
        m[10 * 21 + 10] = 1f;
        float[] s = new GaussianSmoother(2.0).smooth(m, 21, 21);
        double sum = 0;
        for (float v : s) {
            sum += v;
        }
        assertThat(sum).isCloseTo(1.0, offset(1e-4));
        assertThat(s[10 * 21 + 10]).isLessThan(0.1f).isGreaterThan(s[10 * 21 + 12]);
        // 1-D kernel at distance 0 and 1 for sigma 2: ratio exp(-1/8)
        assertThat(s[10 * 21 + 11] / s[10 * 21 + 10]).isCloseTo((float) Math.exp(-1 / 8.0), offset(1e-4f));
        assertThat(new GaussianSmoother(0).smooth(m, 21, 21)).containsExactly(m);
    }

    @Test
    void reflectIndexingMatchesScipy() {
        // scipy 'reflect' on n=3: ... 1 0 | 0 1 2 | 2 1 ...
        assertThat(GaussianSmoother.reflect(-1, 3)).isEqualTo(0);
        assertThat(GaussianSmoother.reflect(-2, 3)).isEqualTo(1);
        assertThat(GaussianSmoother.reflect(3, 3)).isEqualTo(2);
        assertThat(GaussianSmoother.reflect(4, 3)).isEqualTo(1);
    }

    @Test
    void aggregationSumAndProduct() {
        List<float[]> maps = List.of(new float[]{1, 2}, new float[]{3, 4});
        assertThat(Aggregation.SUM.combine(maps)).containsExactly(4f, 6f);
        assertThat(Aggregation.PRODUCT.combine(maps)).containsExactly(3f, 8f);
        assertThat(maps.get(0)).containsExactly(1f, 2f);
    }

    @Test
    void baselineSubtractsTheMeanAndDividesByTheSpread() {
        float[] map = {3, 6};
        new BaselineMap(new float[]{1, 2}, new float[]{2, 0.5f}).applyTo(map);
        assertThat(map).containsExactly(4, 2);
        float[] plain = {3, 6};
        new BaselineMap(new float[]{1, 2}, null).applyTo(plain);
        assertThat(plain).containsExactly(2, 4);
    }

    @Test
    void inverseSpreadHasAFloorOfATenthOfTheMeanSpread() {
        // two maps per pixel: {0, 2} (mean 1, spread 1) and {2, 2} (mean 2, spread 0); mean spread 0.5
        float[] inverse = NormalBaseline.inverseSpread(new float[]{1, 2}, new double[]{0 + 4, 4 + 4}, 2);
        assertThat(inverse[0]).isCloseTo((float) (1 / 1.05), offset(1e-6f));
        assertThat(inverse[1]).isCloseTo(20f, offset(1e-4f));
        // no spread anywhere: plain subtraction
        assertThat(NormalBaseline.inverseSpread(new float[]{2, 3}, new double[]{8, 18}, 2)).containsExactly(1, 1);
    }

    @Test
    void scoreModes() {
        float[] map = {1, 9, 3, 7, 5};
        assertThat(ScoreMode.MAX.score(map, 1)).isEqualTo(9f);
        assertThat(ScoreMode.TOPK.score(map, 2)).isEqualTo(8f);
        assertThat(ScoreMode.TOPK.score(map, 100)).isEqualTo(5f);
        assertThat(ScoreMode.MEAN.score(map, 1)).isEqualTo(5f); // k is ignored: the whole map
        assertThat(ScoreMode.parse("mean")).isEqualTo(ScoreMode.MEAN);
    }

    @Test
    void cosineAndMseScaleErrors() {
        var tap = org.nd4j.linalg.factory.Nd4j.create(new float[]{1, 0, 0, 1}, new long[]{1, 2, 1, 2});
        var rec = org.nd4j.linalg.factory.Nd4j.create(new float[]{1, 1, 0, 1}, new long[]{1, 2, 1, 2});
        // pixel 0: tap (1,0) rec (1,0) -> cos 1 -> 0; pixel 1: tap (0,1) rec (1,1) -> cos 1/sqrt2
        var cos = ScaleErrors.cosineDistance(tap, rec);
        assertThat(cos.getDouble(0, 0, 0)).isCloseTo(0, offset(1e-6));
        assertThat(cos.getDouble(0, 0, 1)).isCloseTo(1 - 1 / Math.sqrt(2), offset(1e-6));
        var mse = ScaleErrors.meanSquaredError(tap, rec);
        assertThat(mse.getDouble(0, 0, 1)).isCloseTo(0.5, offset(1e-6));
    }
}
