package org.anomaly4j.pipeline;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PieceScorerTest {

    private static float[] constant(float v, int size) {
        float[] m = new float[size * size];
        Arrays.fill(m, v);
        return m;
    }

    @Test
    void piecesGoBackSideBySideIntoTheImagesFrame() {
        int size = 10;
        float[] wide = PieceScorer.compose(List.of(constant(1, size), constant(2, size), constant(3, size)), true, size);
        // columns 0-2 from piece 0, 3-5 from piece 1, 6-9 from piece 2 (10 / 3 does not divide)
        float[] row = Arrays.copyOfRange(wide, 4 * size, 5 * size);
        assertThat(row).containsExactly(1, 1, 1, 2, 2, 2, 3, 3, 3, 3);
        float[] tall = PieceScorer.compose(List.of(constant(5, size), constant(7, size)), false, size);
        assertThat(tall[4 * size + 3]).isEqualTo(5f);
        assertThat(tall[5 * size + 3]).isEqualTo(7f);
    }

    @Test
    void aPiecesMapIsSqueezedIntoItsShare() {
        int size = 8;
        // piece 1 of 2 across the width: a left-to-right ramp 0..7 becomes a 4-wide ramp in columns 4-7
        float[] ramp = new float[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                ramp[y * size + x] = x;
            }
        }
        float[] out = PieceScorer.compose(List.of(constant(0, size), ramp), true, size);
        float[] row = Arrays.copyOfRange(out, 2 * size, 3 * size);
        assertThat(row[4]).isLessThan(row[5]);
        assertThat(row[5]).isLessThan(row[6]);
        assertThat(row[6]).isLessThan(row[7]);
        assertThat(row[4]).isEqualTo(0.5f); // half-pixel centres: (0 + 1) / 2
        assertThat(row[7]).isEqualTo(6.5f);
    }
}
