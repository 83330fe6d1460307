package org.anomaly4j.data;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

class InputAspectRangeTest {
    private static AspectRatioCheck.Shape shape(int w, int h) {
        return new AspectRatioCheck.Shape(Path.of(w + "x" + h + ".png"), w, h);
    }

    @Test
    void rangeIsOverWhatTheModelSeesWholeImagesOrPieces() {
        List<AspectRatioCheck.Shape> shapes = List.of(shape(100, 100), shape(200, 100), shape(100, 150));
        assertThat(InputAspectRange.of(shapes, 0)).isEqualTo(new InputAspectRange(100 / 150.0, 2.0));
        // with maxStretch 1.5 the 200x100 image is two 100x100 pieces; 100x150 stays whole
        assertThat(InputAspectRange.of(shapes, 1.5)).isEqualTo(new InputAspectRange(100 / 150.0, 1.0));
        assertThat(InputAspectRange.of(List.of(), 0)).isNull();
        assertThat(InputAspectRange.inputAspect(300, 100, 1.5)).isEqualTo(1.0);
        assertThat(InputAspectRange.inputAspect(100, 300, 1.5)).isEqualTo(1.0);
        assertThat(InputAspectRange.inputAspect(250, 100, 0)).isEqualTo(2.5);
    }

    @Test
    void imagesBeyondTheToleranceAreNamedWithHowFarOff() {
        InputAspectRange r = new InputAspectRange(1, 2);
        assertThat(r.outsideBy(1.5)).isEqualTo(1.0);
        assertThat(r.outsideBy(0.5)).isEqualTo(2.0);
        assertThat(r.outsideBy(3)).isCloseTo(1.5, offset(1e-12));
        assertThat(r.check(Path.of("a.png"), 240, 100, 0)).as("2.4 is 1.2x the widest: within 1.25").isEmpty();
        assertThat(r.check(Path.of("b.png"), 260, 100, 0))
                .isEqualTo("b.png (260x100): input width/height 2.60, 1.3x outside the training inputs' 1.00-2.00");
        assertThat(r.check(Path.of("c.png"), 100, 160, 0)).contains("c.png (100x160)").contains("0.63");
        assertThat(r.check(Path.of("d.png"), 600, 100, 1.5)).as("cut into 6 square pieces").isEmpty();
    }

    @Test
    void roundTripsThroughTheModelProvenanceAndToleratesOldModels() {
        InputAspectRange r = new InputAspectRange(0.36, 2.68);
        assertThat(InputAspectRange.fromProvenance(Map.of(InputAspectRange.PROVENANCE_KEY, r.toMap()))).isEqualTo(r);
        assertThat(InputAspectRange.fromProvenance(Map.of("seed", 42))).isNull();
        assertThat(InputAspectRange.fromProvenance(Map.of(InputAspectRange.PROVENANCE_KEY, "broken"))).isNull();
        assertThat(InputAspectRange.fromProvenance(null)).isNull();
    }
}
