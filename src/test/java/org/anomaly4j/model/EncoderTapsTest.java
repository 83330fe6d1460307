package org.anomaly4j.model;

import org.anomaly4j.model.encoder.DarknetTinyEncoder;
import org.anomaly4j.model.encoder.EncoderCatalogue;
import org.anomaly4j.model.encoder.SqueezeNetEncoder;
import org.anomaly4j.model.encoder.TinyEncoder;
import org.anomaly4j.model.encoder.ZooEncoders;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.zoo.model.ResNet50;
import org.deeplearning4j.zoo.model.VGG16;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Tap names are constants; this pins them and the shapes they have in the DL4J zoo graphs. */
class EncoderTapsTest {

    @Test
    void tapNamesArePinned() {
        assertThat(SqueezeNetEncoder.TAPS).containsExactly("fire3", "fire5", "fire7");
        assertThat(ZooEncoders.VGG16_TAPS_PRETRAINED).containsExactly("block3_conv3", "block4_conv3", "block5_conv3");
        assertThat(ZooEncoders.VGG16_TAPS_INIT).containsExactly("8", "12", "16");
        assertThat(ZooEncoders.RESNET50_TAPS).containsExactly("res2c_branch", "res3d_branch", "res4f_branch");
        assertThat(TinyEncoder.TAPS).containsExactly("block1", "block2", "block3");
        assertThat(DarknetTinyEncoder.TAPS).containsExactly("leaky_re_lu_6", "leaky_re_lu_10", "leaky_re_lu_14");
        assertThat(EncoderCatalogue.defaultTaps("squeezenet", true)).isEqualTo(SqueezeNetEncoder.TAPS);
    }

    @Test
    void squeezeNetTapShapesAt224() {
        var enc = SqueezeNetEncoder.architecture(224, 1);
        Map<String, InputType> t = enc.getConfiguration().getLayerActivationTypes(InputType.convolutional(224, 224, 3));
        assertThat(shape(t.get("fire3"))).containsExactly(128L, 55L, 55L);
        assertThat(shape(t.get("fire5"))).containsExactly(256L, 27L, 27L);
        assertThat(shape(t.get("fire7"))).containsExactly(384L, 13L, 13L);
    }

    @Test
    void vgg16AndResNet50TapShapesFromTheZooConfigs() {
        ComputationGraphConfiguration vgg = VGG16.builder().inputShape(new int[]{3, 224, 224}).numClasses(1000).build().conf();
        Map<String, InputType> v = vgg.getLayerActivationTypes(InputType.convolutional(224, 224, 3));
        List<String> vt = ZooEncoders.VGG16_TAPS_INIT;
        assertThat(shape(v.get(vt.get(0)))).containsExactly(256L, 56L, 56L);
        assertThat(shape(v.get(vt.get(1)))).containsExactly(512L, 28L, 28L);
        assertThat(shape(v.get(vt.get(2)))).containsExactly(512L, 14L, 14L);
        ComputationGraphConfiguration rn = ResNet50.builder().inputShape(new int[]{3, 224, 224}).numClasses(1000).build()
                .graphBuilder().build();
        Map<String, InputType> r = rn.getLayerActivationTypes(InputType.convolutional(224, 224, 3));
        assertThat(shape(r.get("res2c_branch"))).containsExactly(256L, 28L, 28L);
        assertThat(shape(r.get("res3d_branch"))).containsExactly(512L, 14L, 14L);
        assertThat(shape(r.get("res4f_branch"))).containsExactly(1024L, 7L, 7L);
    }

    private static List<Long> shape(InputType t) {
        var c = (InputType.InputTypeConvolutional) t;
        return List.of(c.getChannels(), c.getHeight(), c.getWidth());
    }
}
