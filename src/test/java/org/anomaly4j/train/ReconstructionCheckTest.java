package org.anomaly4j.train;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

class ReconstructionCheckTest {

    /** [N=1, C=2, h=1, w=2]: pixel vectors (2, 0) and (0, 3); their unit vectors' mean is (0.5, 0.5), of norm sqrt(0.5). */
    private static INDArray target() {
        return Nd4j.create(new float[]{2, 0, 0, 3}, new long[]{1, 2, 1, 2});
    }

    @Test
    void theMeanFeaturesDistanceIsOneMinusTheNormOfTheMeanUnitVector() {
        ReconstructionCheck.Accumulator exact = new ReconstructionCheck.Accumulator("t");
        exact.add(target(), target().mul(5)); // a perfect reconstruction, at another scale
        ReconstructionCheck.Tap perfect = exact.tap();
        assertThat(perfect.decoder()).isCloseTo(0, offset(1e-6));
        assertThat(perfect.meanFeature()).isCloseTo(1 - Math.sqrt(0.5), offset(1e-6));

        ReconstructionCheck.Accumulator constant = new ReconstructionCheck.Accumulator("t");
        constant.add(target(), Nd4j.ones(DataType.FLOAT, 1, 2, 1, 2)); // the mean direction (1, 1) everywhere
        ReconstructionCheck.Tap tap = constant.tap();
        assertThat(tap.decoder()).isCloseTo(tap.meanFeature(), offset(1e-6));
        assertThat(tap.ratio()).isCloseTo(1, offset(1e-6));
    }

    @Test
    void warnsOnlyForTapsNearTheMeanFeature() {
        assertThat(ReconstructionCheck.warning(List.of(new ReconstructionCheck.Tap("a", 0.1, 0.4)), true)).isEmpty();
        List<ReconstructionCheck.Tap> taps = List.of(new ReconstructionCheck.Tap("a", 0.1, 0.4),
                new ReconstructionCheck.Tap("b", 0.37, 0.4));
        assertThat(ReconstructionCheck.warning(taps, false)).contains("b (0.370 vs 0.400)").doesNotContain("a (")
                .doesNotContain("tapNorm");
        assertThat(ReconstructionCheck.warning(taps, true)).contains("use model.tapNorm: rms");
    }
}
