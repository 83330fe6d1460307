package org.anomaly4j.model.encoder;

import org.anomaly4j.AnomalyException;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.zoo.PretrainedType;
import org.deeplearning4j.zoo.ZooModel;
import org.deeplearning4j.zoo.model.ResNet50;
import org.deeplearning4j.zoo.model.VGG16;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.Adler32;

/**
 * The paper's encoders from the DL4J zoo. Pretrained: the zoo's ImageNet zip from {@code zoo-weights/}
 * (checked against the zoo's Adler32 checksum) or the zoo download; random init only when allowed.
 */
public final class ZooEncoders {
    /** VGG16 block3_conv3 (256 ch, stride 4), block4_conv3 (512, 8), block5_conv3 (512, 16): Keras names in the pretrained zip. */
    public static final List<String> VGG16_TAPS_PRETRAINED = List.of("block3_conv3", "block4_conv3", "block5_conv3");
    /** The same layers in {@code VGG16.init()}, which numbers its layers. */
    public static final List<String> VGG16_TAPS_INIT = List.of("8", "12", "16");
    /** ResNet50 stage outputs conv2_x..conv4_x (256, 512, 1024 ch; the zoo graph runs them at strides 8, 16, 32). */
    public static final List<String> RESNET50_TAPS = List.of("res2c_branch", "res3d_branch", "res4f_branch");
    private static final Logger LOG = LoggerFactory.getLogger(ZooEncoders.class);

    private ZooEncoders() {
    }

    public static Encoder vgg16(int size, long seed, WeightResolver resolver, boolean allowUntrained) {
        VGG16 zoo = VGG16.builder().inputShape(new int[]{3, size, size}).numClasses(1000).seed(seed).build();
        return build("vgg16", zoo, "in", VGG16_TAPS_PRETRAINED, VGG16_TAPS_INIT, resolver, allowUntrained);
    }

    public static Encoder resnet50(int size, long seed, WeightResolver resolver, boolean allowUntrained) {
        ResNet50 zoo = ResNet50.builder().inputShape(new int[]{3, size, size}).numClasses(1000).seed(seed).build();
        return build("resnet50", zoo, "input", RESNET50_TAPS, RESNET50_TAPS, resolver, allowUntrained);
    }

    public static String zooFileName(ZooModel<?> zoo) {
        String url = zoo.pretrainedUrl(PretrainedType.IMAGENET);
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private static Encoder build(String kind, ZooModel<?> zoo, String input, List<String> pretrainedTaps,
                                 List<String> initTaps, WeightResolver resolver, boolean allowUntrained) {
        String fileName = zooFileName(zoo);
        Optional<Path> file = resolver.find(fileName);
        if (file.isPresent()) {
            Path p = file.get();
            long expected = zoo.pretrainedChecksum(PretrainedType.IMAGENET);
            long actual = adler32(p);
            if (p.getFileName().toString().equals(fileName) && actual != expected) {
                throw new AnomalyException("weights file " + p + " has Adler32 checksum " + actual + ", expected " + expected
                        + " for the DL4J zoo " + kind + " ImageNet weights: corrupt or wrong file (download it again)");
            }
            ComputationGraph g = SqueezeNetEncoder.restore(p);
            return new Encoder(kind, g, inputName(g, input), pretrainedTaps, Preprocessing.CAFFE_BGR, p.toString(), true);
        }
        try {
            LOG.info("No {} in {}: trying the DL4J zoo download", fileName, resolver.dir());
            ComputationGraph g = (ComputationGraph) zoo.initPretrained(PretrainedType.IMAGENET);
            return new Encoder(kind, g, inputName(g, input), pretrainedTaps, Preprocessing.CAFFE_BGR,
                    "DL4J zoo download (" + fileName + ")", true);
        } catch (Exception | NoClassDefFoundError e) {
            String why = "no " + fileName + " in " + resolver.dir() + " and the download failed (" + e.getClass().getSimpleName() + ")";
            if (!allowUntrained) {
                throw new AnomalyException(kind + " ImageNet weights not found: " + why + ". Put " + fileName + " into "
                        + resolver.dir() + "/ (see zoo-weights/README.md) or set model.weights.", e);
            }
            ComputationGraph g = (ComputationGraph) zoo.init();
            return new Encoder(kind, g, inputName(g, input), initTaps, Preprocessing.CAFFE_BGR,
                    UntrainedEncoderWarning.describe(kind, why), false);
        }
    }

    private static String inputName(ComputationGraph g, String fallback) {
        List<String> inputs = g.getConfiguration().getNetworkInputs();
        return inputs.isEmpty() ? fallback : inputs.get(0);
    }

    static long adler32(Path p) {
        Adler32 a = new Adler32();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(p)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                a.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new AnomalyException("cannot read weights file " + p + ": " + e.getMessage(), e);
        }
        return a.getValue();
    }
}
