package org.anomaly4j.model;

import org.anomaly4j.config.ConfigLoader;
import org.anomaly4j.config.HfrConfig;
import org.anomaly4j.model.encoder.Encoder;
import org.anomaly4j.model.encoder.EncoderCatalogue;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.FrozenLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Training the one graph end to end moves the decoder and leaves the frozen encoder bit-identical. */
class FrozenEncoderTest {

    @Test
    void encoderParamsStayBitIdenticalWhileDecoderLearns() {
        HfrConfig c = ConfigLoader.load(null, List.of("model.encoder=tiny", "model.decoder.width=16",
                "model.decoder.bottleneck=8", "train.loss=both", "train.learningRate=0.01"));
        Encoder enc = EncoderCatalogue.build(c.model(), 32, 1);
        HfrModel m = HfrModelBuilder.build(enc, c.model(), c.train(), 32);
        ComputationGraph g = m.graph();
        Map<String, INDArray> before = new HashMap<>();
        for (Layer l : g.getLayers()) {
            if (l.numParams() > 0) {
                before.put(l.conf().getLayer().getLayerName(), l.params().dup());
            }
        }
        INDArray x = Nd4j.rand(4, 3, 32, 32);
        INDArray[] labels = m.lossOutputs().stream().map(name -> {
            String tap = name.replaceFirst("^loss_(mse|cos)_", "");
            TapShape t = m.taps().stream().filter(s -> s.name().equals(tap)).findFirst().orElseThrow();
            return Nd4j.zeros(4, t.channels(), t.height(), t.width());
        }).toArray(INDArray[]::new);
        double first = g.score(new MultiDataSet(new INDArray[]{x}, labels), false);
        for (int i = 0; i < 15; i++) {
            g.fit(new MultiDataSet(new INDArray[]{x}, labels));
        }
        assertThat(g.score(new MultiDataSet(new INDArray[]{x}, labels), false)).isLessThan(first);
        int frozen = 0;
        int moved = 0;
        for (Layer l : g.getLayers()) {
            if (l.numParams() == 0) {
                continue;
            }
            String name = l.conf().getLayer().getLayerName();
            if (l instanceof FrozenLayer) {
                frozen++;
                assertThat(l.params()).as(name).isEqualTo(before.get(name));
            } else if (!l.params().equals(before.get(name))) {
                moved++;
            }
        }
        assertThat(frozen).isEqualTo(3); // conv1..conv3 of the tiny encoder
        assertThat(moved).isGreaterThan(5);
    }
}
