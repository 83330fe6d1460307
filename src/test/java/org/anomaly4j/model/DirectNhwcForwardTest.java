package org.anomaly4j.model;

import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every encoder's convolutions run directly as the conv2d op and give DL4J's own NHWC outputs; taps
 * handed out by one call are not touched by the next (convolution outputs are pooled between calls).
 */
class DirectNhwcForwardTest {

    @ParameterizedTest
    @ValueSource(strings = {"tiny-frozen", "squeezenet", "resnet50", "vgg16"})
    void sameTapsAsDl4jLayers(String encoderName) {
        int size = encoderName.equals("resnet50") ? 224 : 64;
        ComputationGraph nhwc = ChannelsLast.convert(ChannelsLastTest.encoderPart(encoderName, size)).orElseThrow();
        DirectNhwcForward direct = new DirectNhwcForward(nhwc);
        long convolutions = Arrays.stream(nhwc.getLayers()).filter(l -> l.conf().getLayer() instanceof ConvolutionLayer
                || (l instanceof org.deeplearning4j.nn.layers.FrozenLayer f && f.getInsideLayer().conf().getLayer() instanceof ConvolutionLayer)).count();
        assertThat(direct.directOps(DirectOp.Convolution.class)).isEqualTo(convolutions).isPositive();
        if (encoderName.equals("squeezenet")) { // the fire modules' ReLUs (in place) and channel concatenations
            assertThat(direct.directOps(DirectOp.Activation.class)).isPositive();
            assertThat(direct.directOps(DirectOp.Concat.class)).isPositive();
        }
        if (!encoderName.equals("tiny-frozen")) {
            assertThat(direct.directOps(DirectOp.Pooling.class)).isPositive();
        }

        Nd4j.getRandom().setSeed(13);
        INDArray x1 = Nd4j.rand(2, size, size, 3).subi(0.5).muli(4);
        INDArray x2 = Nd4j.rand(2, size, size, 3).subi(0.5).muli(4);
        INDArray[] first = direct.output(x1, false);
        INDArray[] firstKept = Arrays.stream(first).map(INDArray::dup).toArray(INDArray[]::new);
        INDArray[] second = direct.output(x2, false);
        INDArray[] expected1 = nhwc.output(false, x1);
        INDArray[] expected2 = nhwc.output(false, x2);
        for (int k = 0; k < expected1.length; k++) {
            assertThat(relativeDiff(expected1[k], first[k])).as("tap %d, first call", k).isLessThan(1e-5);
            assertThat(relativeDiff(expected2[k], second[k])).as("tap %d, second call", k).isLessThan(1e-5);
            assertThat(relativeDiff(firstKept[k], first[k])).as("tap %d of the first call after the second", k).isZero();
        }
    }

    private static double relativeDiff(INDArray expected, INDArray actual) {
        assertThat(actual.shape()).isEqualTo(expected.shape());
        double scale = expected.amaxNumber().doubleValue();
        assertThat(scale).isPositive();
        return expected.sub(actual).amaxNumber().doubleValue() / scale;
    }
}
