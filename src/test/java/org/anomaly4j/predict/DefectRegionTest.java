package org.anomaly4j.predict;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DefectRegionTest {

    @Test
    void regionsAreBoxedMeasuredAndOrderedByTheirPeak() {
        // 6 x 4 image, row-major: two blobs of three pixels, columns 2-3 empty between them
        //  # # . . . .
        //  . # . . . #
        //  . . . . # #
        //  . . . . . .
        String rows = "##...." + ".#...#" + "....##" + "......";
        int w = 6, h = 4;
        boolean[] mask = new boolean[w * h];
        float[] map = new float[w * h];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = rows.charAt(i) == '#';
            map[i] = mask[i] ? 1 : 0;
        }
        map[1] = 2f;   // left blob peak
        map[11] = 5f;  // right blob peak (x 5, y 1)
        List<DefectRegion> r = DefectRegion.of(mask, map, w, h);
        assertThat(r).containsExactly(
                new DefectRegion(4, 1, 2, 2, 3, 5f),   // x, y, width, height, area, peak: highest peak first
                new DefectRegion(0, 0, 2, 2, 3, 2f));
    }

    @Test
    void diagonalNeighboursAreOneRegionAndAnEmptyMaskHasNone() {
        boolean[] diagonal = {true, false, false, true};
        assertThat(DefectRegion.of(diagonal, new float[4], 2, 2)).containsExactly(new DefectRegion(0, 0, 2, 2, 2, 0f));
        assertThat(DefectRegion.of(new boolean[4], new float[4], 2, 2)).isEmpty();
    }

    @Test
    void regionsBelowTheMinimumAreaAreClearedAndTheRestKept() {
        // a region of 3 pixels and a lone pixel
        boolean[] mask = {true, true, false, false, false, true,
                          false, true, false, false, false, false};
        boolean[] kept = DefectRegion.withoutSmaller(mask, 6, 2, 2);
        assertThat(kept).containsExactly(true, true, false, false, false, false,
                                          false, true, false, false, false, false);
        assertThat(mask[5]).as("the input is left alone").isTrue();
        assertThat(DefectRegion.withoutSmaller(mask, 6, 2, 4)).containsOnly(false);
        assertThat(DefectRegion.withoutSmaller(mask, 6, 2, 0)).isSameAs(mask);
    }
}
