package org.anomaly4j.model;

import org.anomaly4j.config.ConfigLoader;
import org.anomaly4j.config.HfrConfig;
import org.anomaly4j.model.encoder.EncoderCatalogue;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The fast path (encoder part, native normalisation, decoder part) equals the full graph's own feedForward. */
class InferencePathTest {

    @Test
    void sameTargetsAndReconstructionsAsTheFullGraph() {
        for (boolean normalize : new boolean[]{true, false}) {
            HfrConfig c = ConfigLoader.load(null, List.of("model.encoder=tiny", "model.decoder.width=16",
                    "model.decoder.bottleneck=8", "model.normalizeTaps=" + normalize));
            HfrModel m = HfrModelBuilder.build(EncoderCatalogue.build(c.model(), 48, 1), c.model(), c.train(), 48);
            Nd4j.getRandom().setSeed(5);
            INDArray x = Nd4j.rand(3, 3, 48, 48).subi(0.5);
            Map<String, INDArray> full = m.graph().feedForward(x, false);
            Map<String, INDArray> fast = new InferencePath(m, c.model(), c.train()).targetsAndReconstructions(x);
            for (TapShape t : m.taps()) {
                assertThat(t.name().startsWith("norm_")).isEqualTo(normalize);
                assertThat(maxAbsDiff(full.get(t.name()), fast.get(t.name()))).as(t.name()).isLessThan(1e-5);
            }
            for (String r : m.reconstructions()) {
                assertThat(maxAbsDiff(full.get(r), fast.get(r))).as(r).isLessThan(1e-4);
            }
        }
    }

    @Test
    void targetsHaveTheModelsOwnNormUnitRmsOrUnit() {
        for (String tapNorm : new String[]{"rms", "unit"}) { // unit: also every model saved before unit RMS
            HfrConfig c = ConfigLoader.load(null, List.of("model.encoder=tiny", "model.decoder.width=16",
                    "model.decoder.bottleneck=8", "model.tapNorm=" + tapNorm));
            HfrModel m = HfrModelBuilder.build(EncoderCatalogue.build(c.model(), 48, 1), c.model(), c.train(), 48);
            INDArray x = Nd4j.rand(2, 3, 48, 48);
            Map<String, INDArray> full = m.graph().feedForward(x, false);
            Map<String, INDArray> fast = new InferencePath(m, c.model(), c.train()).targetsAndReconstructions(x);
            for (TapShape t : m.taps()) {
                double norm = "unit".equals(tapNorm) ? 1 : Math.sqrt(t.channels());
                assertThat(full.get(t.name()).norm2(1).maxNumber().doubleValue()).as(tapNorm + " " + t.name())
                        .isCloseTo(norm, org.assertj.core.data.Offset.offset(1e-4 * norm));
                assertThat(maxAbsDiff(full.get(t.name()), fast.get(t.name()))).as(t.name()).isLessThan(1e-5 * norm);
            }
            for (String r : m.reconstructions()) {
                assertThat(maxAbsDiff(full.get(r), fast.get(r))).as(r).isLessThan(1e-4);
            }
        }
    }

    private static double maxAbsDiff(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue();
    }
}
