package org.anomaly4j.model.decoder;

import org.anomaly4j.AnomalyException;
import org.anomaly4j.config.ConfigLoader;
import org.anomaly4j.config.HfrConfig;
import org.anomaly4j.model.HfrModel;
import org.anomaly4j.model.HfrModelBuilder;
import org.anomaly4j.model.TapShape;
import org.anomaly4j.model.encoder.EncoderCatalogue;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A strided bottleneck is coarser than the deepest tap, and every reconstruction still has its tap's shape. */
class BottleneckStrideTest {

    @ParameterizedTest
    @CsvSource({"1, 32", "2, 32", "4, 32", "2, 40", "4, 56"})
    void reconstructionsKeepTheirTapsShapes(int stride, int imageSize) {
        HfrConfig c = ConfigLoader.load(null, List.of("model.encoder=tiny", "model.decoder.width=16",
                "model.decoder.bottleneck=8", "model.decoder.bottleneckStride=" + stride));
        HfrModel m = HfrModelBuilder.build(EncoderCatalogue.build(c.model(), imageSize, 1), c.model(), c.train(), imageSize);
        ComputationGraph g = m.graph();
        Map<String, INDArray> acts = g.feedForward(Nd4j.rand(2, 3, imageSize, imageSize), false);
        for (int k = 0; k < m.taps().size(); k++) {
            TapShape t = m.taps().get(k);
            assertThat(acts.get(m.reconstructions().get(k)).shape()).as(t.name())
                    .containsExactly(2, t.channels(), t.height(), t.width());
        }
        TapShape deepest = m.taps().get(m.taps().size() - 1);
        long[] code = acts.get("bottleneck_relu").shape();
        assertThat(code[2]).as("bottleneck height").isEqualTo((deepest.height() + stride - 1) / stride);
        assertThat(code[3]).as("bottleneck width").isEqualTo((deepest.width() + stride - 1) / stride);
    }

    @Test
    void otherStridesAreRefusedByName() {
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("model.decoder.bottleneckStride=3")))
                .isInstanceOf(AnomalyException.class).hasMessageContaining("model.decoder.bottleneckStride");
    }
}
