package org.anomaly4j.metrics;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

class AurocIntervalTest {

    @Test
    void handComputedCase() {
        // anomalies 0.9, 0.8, 0.4; normals 0.7, 0.3. Per anomaly, share of normals below: 1, 1, 0.5
        // (sample variance 1/12); per normal, share of anomalies above: 2/3, 1 (variance 1/18).
        // AUROC 5/6, variance 1/12/3 + 1/18/2 = 1/18, standard error 0.2357.
        AurocInterval ci = AurocInterval.delong(new float[]{0.9f, 0.7f, 0.8f, 0.3f, 0.4f}, new int[]{1, 0, 1, 0, 1});
        assertThat(ci.auroc()).isCloseTo(5.0 / 6, offset(1e-12));
        assertThat(ci.standardError()).isCloseTo(Math.sqrt(1.0 / 18), offset(1e-12));
        assertThat(ci.lower()).isCloseTo(5.0 / 6 - 1.959964 * Math.sqrt(1.0 / 18), offset(1e-9));
        assertThat(ci.upper()).isEqualTo(1.0); // clipped
    }

    @Test
    void tiesCountHalfAsInRoc() {
        float[] s = {0.8f, 0.4f, 0.6f, 0.4f, 0.1f};
        int[] l = {1, 1, 0, 0, 0};
        assertThat(AurocInterval.delong(s, l).auroc()).isCloseTo(Roc.auroc(s, l), offset(1e-12));
    }

    @Test
    void perfectSeparationHasNoSpread() {
        AurocInterval ci = AurocInterval.delong(new float[]{0.1f, 0.2f, 0.8f, 0.9f}, new int[]{0, 0, 1, 1});
        assertThat(ci.auroc()).isEqualTo(1.0);
        assertThat(ci.standardError()).isZero();
    }

    @Test
    void intervalNarrowsWithMoreImagesAndMatchesRocOnRandomScores() {
        Random r = new Random(3);
        double small = widthFor(r, 40);
        double large = widthFor(r, 4000);
        assertThat(large).isLessThan(small / 5);
    }

    private static double widthFor(Random r, int n) {
        float[] s = new float[n];
        int[] l = new int[n];
        for (int i = 0; i < n; i++) {
            l[i] = i % 2;
            s[i] = (float) (r.nextGaussian() + l[i]);
        }
        AurocInterval ci = AurocInterval.delong(s, l);
        assertThat(ci.auroc()).isCloseTo(Roc.auroc(s, l), offset(1e-9));
        assertThat(ci.lower()).isLessThan(ci.auroc());
        return ci.upper() - ci.lower();
    }

    @Test
    void undefinedWithFewerThanTwoOfAClass() {
        assertThat(AurocInterval.delong(new float[]{0.1f, 0.2f, 0.9f}, new int[]{0, 0, 1}).standardError()).isNaN();
    }
}
