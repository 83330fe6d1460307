package org.anomaly4j.pipeline;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

class PixelAurocByDefectTypeTest {

    @Test
    void eachTypesPixelsAreRankedWithAllNormalImagesPixels() {
        // normal image: pixels 0.1, 0.3, 0.5, 0.7 (all label 0).
        // crack image: pixels 0.9 (defect), 0.2 (normal) -> positives {0.9}, negatives {0.1,0.3,0.5,0.7,0.2}: 5/5 = 1.
        // spot image: pixels 0.4 (defect), 0.6 (defect), 0.8 (normal) -> positives {0.4, 0.6},
        //   negatives {0.1,0.3,0.5,0.7,0.8}: 0.4 beats 2, 0.6 beats 3 -> 5/10.
        List<PixelAurocByDefectType.Row> rows = PixelAurocByDefectType.of(
                List.of("good", "spot", "crack"),
                List.of(new float[]{0.1f, 0.3f, 0.5f, 0.7f}, new float[]{0.4f, 0.6f, 0.8f}, new float[]{0.9f, 0.2f}),
                List.of(new float[]{0, 0, 0, 0}, new float[]{1, 1, 0}, new float[]{1, 0}));
        assertThat(rows).extracting(PixelAurocByDefectType.Row::defectType).containsExactly("crack", "spot");
        assertThat(rows).extracting(PixelAurocByDefectType.Row::images).containsExactly(1, 1);
        assertThat(rows.get(0).pixelAuroc()).isCloseTo(1.0, offset(1e-12));
        assertThat(rows.get(1).pixelAuroc()).isCloseTo(0.5, offset(1e-12));
        // three defect pixels in all: one crack, two spot
        assertThat(rows.get(0).defectPixelShare()).isCloseTo(1.0 / 3, offset(1e-12));
        assertThat(rows.get(1).defectPixelShare()).isCloseTo(2.0 / 3, offset(1e-12));
    }

    @Test
    void noBreakdownWithoutNormalImagesOrWithOneType() {
        float[] map = {0.5f};
        float[] mask = {1};
        assertThat(PixelAurocByDefectType.of(List.of("crack", "spot"), List.of(map, map), List.of(mask, mask))).isEmpty();
        assertThat(PixelAurocByDefectType.of(List.of("good", "crack"), List.of(map, map), List.of(new float[]{0}, mask))).isEmpty();
    }
}
