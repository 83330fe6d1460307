package org.anomaly4j.model;

import org.anomaly4j.model.encoder.SqueezeNetEncoder;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.zoo.model.VGG16;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Folding SqueezeNet's ReLU vertices into its convolutions keeps every tap (random weights). */
class FoldedActivationsTest {
    private static final int SIZE = 64;

    @Test
    void squeezeNetFoldsEveryReluAndKeepsTheTaps() {
        OneDnnHelpers.enable();
        ComputationGraph g = InferencePath.encoderPart(SqueezeNetEncoder.architecture(SIZE, 1), SqueezeNetEncoder.TAPS);
        long reluBefore = activationLayers(g);
        ComputationGraph f = FoldedActivations.fold(g);
        assertThat(reluBefore).isGreaterThan(10);
        assertThat(activationLayers(f)).isZero();
        assertThat(activationLayers(g)).as("the original graph is left as it was").isEqualTo(reluBefore);
        assertThat(f.getConfiguration().getNetworkOutputs()).isEqualTo(g.getConfiguration().getNetworkOutputs());

        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(2, 3, SIZE, SIZE).subi(0.5).muli(4);
        assertSameOutputs(g.output(false, x), f.output(false, x));
        if (OneDnnHelpers.active()) { // as InferencePath runs it: folded, then channels-last
            INDArray[] nhwc = ChannelsLast.convert(f).orElseThrow().output(false, ChannelsLast.toNhwc(x));
            for (int k = 0; k < nhwc.length; k++) {
                nhwc[k] = ChannelsLast.toNchw(nhwc[k]);
            }
            assertSameOutputs(g.output(false, x), nhwc);
        }
    }

    @Test
    void aGraphWithoutSeparateActivationsIsReturnedAsIs() {
        ComputationGraph vgg = InferencePath.encoderPart((ComputationGraph) VGG16.builder()
                .inputShape(new int[]{3, 32, 32}).numClasses(10).seed(1).build().init(), List.of("8"));
        assertThat(FoldedActivations.fold(vgg)).isSameAs(vgg);
    }

    private static long activationLayers(ComputationGraph g) {
        return g.getConfiguration().getVertices().values().stream()
                .filter(v -> v instanceof LayerVertex lv && lv.getLayerConf().getLayer() instanceof ActivationLayer).count();
    }

    private static void assertSameOutputs(INDArray[] a, INDArray[] b) {
        assertThat(b).hasSameSizeAs(a);
        for (int k = 0; k < a.length; k++) {
            double scale = a[k].amaxNumber().doubleValue();
            assertThat(scale).isPositive();
            assertThat(a[k].sub(b[k]).amaxNumber().doubleValue() / scale).isLessThan(1e-5);
        }
    }
}
