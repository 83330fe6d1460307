package org.anomaly4j.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The paired bootstrap of an AUROC difference on hand-made cases. */
class PairedAurocDifferenceTest {
    private static int[] own(int n) {
        int[] c = new int[n];
        for (int i = 0; i < n; i++) {
            c[i] = i;
        }
        return c;
    }

    @Test
    void theSameScoresTieAtExactlyZero() {
        float[] s = {0.1f, 0.4f, 0.35f, 0.8f};
        int[] l = {0, 0, 1, 1};
        PairedAurocDifference d = PairedAurocDifference.of(s, s, l, own(4), 200, 1);
        assertThat(d.aurocA()).isEqualTo(0.75); // 3 of the 4 (anomaly, normal) pairs ordered
        assertThat(d.difference()).isZero();
        assertThat(d.lower()).isZero();
        assertThat(d.upper()).isZero();
        assertThat(d.verdict()).isEqualTo("a tie");
    }

    @Test
    void aModelThatSeparatesManyImagesBeatsOneThatGuesses() {
        int n = 200;
        float[] guess = new float[n];
        float[] sharp = new float[n];
        int[] l = new int[n];
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < n; i++) {
            l[i] = i % 2;
            guess[i] = r.nextFloat();
            sharp[i] = l[i] + 0.5f * r.nextFloat();
        }
        PairedAurocDifference d = PairedAurocDifference.of(guess, sharp, l, own(n), 500, 1);
        assertThat(d.aurocB()).isEqualTo(1.0);
        assertThat(d.lower()).isGreaterThan(0);
        assertThat(d.verdict()).isEqualTo("B better");
        assertThat(PairedAurocDifference.of(sharp, guess, l, own(n), 500, 1).verdict()).isEqualTo("A better");
    }

    @Test
    void clusteredImagesAreDrawnTogether() {
        // two images per cluster: a resample holds both or neither, so every resample has an even number of each
        float[] a = {0.1f, 0.9f, 0.2f, 0.8f, 0.3f, 0.7f};
        float[] b = {0.2f, 0.8f, 0.1f, 0.9f, 0.4f, 0.6f};
        int[] l = {0, 1, 0, 1, 0, 1};
        int[] cluster = {0, 0, 1, 1, 2, 2};
        PairedAurocDifference d = PairedAurocDifference.of(a, b, l, cluster, 300, 1);
        assertThat(d.clusters()).isEqualTo(3);
        assertThat(d.resamples()).isEqualTo(300); // every resample has both classes: each cluster holds one of each
        assertThatThrownBy(() -> PairedAurocDifference.of(a, b, l, new int[2], 10, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
