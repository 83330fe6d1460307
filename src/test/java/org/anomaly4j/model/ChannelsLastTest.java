package org.anomaly4j.model;

import org.anomaly4j.config.ConfigLoader;
import org.anomaly4j.config.HfrConfig;
import org.anomaly4j.model.encoder.Encoder;
import org.anomaly4j.model.encoder.EncoderCatalogue;
import org.anomaly4j.model.encoder.Preprocessing;
import org.anomaly4j.model.encoder.SqueezeNetEncoder;
import org.anomaly4j.model.encoder.ZooEncoders;
import org.deeplearning4j.zoo.model.ResNet50;
import org.deeplearning4j.zoo.model.VGG16;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every encoder, cut from a built model (frozen), converts to channels-last and gives the same taps
 * as in NCHW (random weights).
 */
class ChannelsLastTest {

    @ParameterizedTest
    @ValueSource(strings = {"tiny-frozen", "squeezenet", "resnet50", "vgg16"})
    void sameTapsInBothFormats(String encoderName) {
        int size = encoderName.equals("resnet50") ? 224 : 64; // the zoo ResNet50's head needs 224 px to build
        ComputationGraph nchw = encoderPart(encoderName, size);
        ComputationGraph nhwc = ChannelsLast.convert(nchw).orElseThrow();
        List<String> taps = nchw.getConfiguration().getNetworkOutputs();

        Nd4j.getRandom().setSeed(11);
        INDArray x = Nd4j.rand(2, 3, size, size).subi(0.5).muli(4);
        INDArray[] a = nchw.output(false, x);
        INDArray[] b = nhwc.output(false, ChannelsLast.toNhwc(x));
        assertThat(b).hasSameSizeAs(a);
        for (int k = 0; k < a.length; k++) {
            INDArray back = ChannelsLast.toNchw(b[k]);
            assertThat(back.shape()).isEqualTo(a[k].shape());
            double scale = a[k].amaxNumber().doubleValue();
            assertThat(scale).isPositive();
            assertThat(a[k].sub(back).amaxNumber().doubleValue() / scale).as(taps.get(k)).isLessThan(1e-4);
        }
    }

    /**
     * The encoder part of a built model, as {@link InferencePath} cuts it: frozen layers and frozen
     * merge/add vertices (random weights: no weights file, no download).
     */
    static ComputationGraph encoderPart(String name, int size) {
        HfrConfig c = ConfigLoader.load(null, List.of("model.encoder=tiny", "model.decoder.width=16",
                "model.decoder.bottleneck=8"));
        Encoder encoder = switch (name) {
            case "tiny-frozen" -> EncoderCatalogue.build(c.model(), size, 1);
            case "squeezenet" -> randomEncoder(name, SqueezeNetEncoder.architecture(size, 1), SqueezeNetEncoder.TAPS);
            case "resnet50" -> randomEncoder(name, (ComputationGraph) ResNet50.builder()
                    .inputShape(new int[]{3, size, size}).numClasses(10).seed(1).build().init(), ZooEncoders.RESNET50_TAPS);
            case "vgg16" -> randomEncoder(name, (ComputationGraph) VGG16.builder()
                    .inputShape(new int[]{3, size, size}).numClasses(10).seed(1).build().init(), ZooEncoders.VGG16_TAPS_INIT);
            default -> throw new IllegalArgumentException(name);
        };
        HfrModel m = HfrModelBuilder.build(encoder, c.model(), c.train(), size);
        return InferencePath.encoderPart(m.graph(),
                m.taps().stream().map(t -> t.name().replace(HfrModelBuilder.NORMALIZED_PREFIX, "")).toList());
    }

    private static Encoder randomEncoder(String name, ComputationGraph graph, List<String> taps) {
        String input = graph.getConfiguration().getNetworkInputs().get(0);
        return new Encoder(name, graph, input, taps, Preprocessing.CAFFE_BGR, "random", false);
    }
}
