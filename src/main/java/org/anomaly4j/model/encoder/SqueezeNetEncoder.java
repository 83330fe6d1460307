package org.anomaly4j.model.encoder;

import org.anomaly4j.AnomalyException;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.deeplearning4j.zoo.PretrainedType;
import org.deeplearning4j.zoo.model.SqueezeNet;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * SqueezeNet v1.1 from the DL4J zoo, cut after {@code fire9}, with ImageNet weights from the Keras
 * {@code _notop.h5} (or the DL4J zoo zip). The zoo config gives its conv layers a sigmoid activation
 * although ReLU is a vertex of its own; they are set to identity here, or the features are wrong.
 */
public final class SqueezeNetEncoder {
    /** fire3 (128 ch, stride 4), fire5 (256 ch, stride 8), fire7 (384 ch, stride 16). */
    public static final List<String> TAPS = List.of("fire3", "fire5", "fire7");
    public static final String INPUT = "input";
    public static final String KERAS_H5 = "squeezenet_weights_tf_dim_ordering_tf_kernels_notop.h5";
    public static final String ZOO_ZIP = "squeezenet_dl4j_inference.v2.zip";
    private static final List<String> HEAD = List.of("drop9", "conv10", "conv10_act", "avg_pool", "softmax", "loss");
    private static final Logger LOG = LoggerFactory.getLogger(SqueezeNetEncoder.class);

    private SqueezeNetEncoder() {
    }

    public static ComputationGraph architecture(int size, long seed) {
        SqueezeNet zoo = SqueezeNet.builder().inputShape(new int[]{3, size, size}).numClasses(1000).seed(seed).build();
        ComputationGraphConfiguration.GraphBuilder gb = zoo.graphBuilder()
                .addInputs(INPUT).setInputTypes(InputType.convolutional(size, size, 3));
        HEAD.forEach(gb::removeVertex);
        gb.setOutputs("fire9");
        ComputationGraphConfiguration conf = gb.build();
        for (GraphVertex v : conf.getVertices().values()) {
            if (v instanceof LayerVertex lv && lv.getLayerConf().getLayer() instanceof ConvolutionLayer conv) {
                conv.setActivationFn(new ActivationIdentity());
            }
        }
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    public static Encoder build(int size, long seed, WeightResolver resolver, boolean allowUntrained) {
        ComputationGraph graph = architecture(size, seed);
        Optional<Path> file = resolver.find(KERAS_H5, ZOO_ZIP);
        String source;
        if (file.isPresent()) {
            Path p = file.get();
            if (p.getFileName().toString().endsWith(".h5")) {
                KerasSqueezeNetWeights.load(graph, p);
            } else {
                copyFrom(restore(p), graph, p.toString());
            }
            source = p.toString();
        } else {
            try {
                LOG.info("No SqueezeNet weights in {}: trying the DL4J zoo download", resolver.dir());
                ComputationGraph zoo = (ComputationGraph) SqueezeNet.builder().build().initPretrained(PretrainedType.IMAGENET);
                copyFrom(zoo, graph, "DL4J zoo download");
                source = "DL4J zoo download (" + ZOO_ZIP + ")";
            } catch (Exception | NoClassDefFoundError e) {
                String why = "no " + KERAS_H5 + " or " + ZOO_ZIP + " in " + resolver.dir() + " and the download failed ("
                        + e.getClass().getSimpleName() + ")";
                if (!allowUntrained) {
                    throw new AnomalyException("SqueezeNet ImageNet weights not found: " + why
                            + ". Put the file into " + resolver.dir() + "/ (see zoo-weights/README.md) or set model.weights.", e);
                }
                return new Encoder("squeezenet", graph, INPUT, TAPS, Preprocessing.CAFFE_BGR,
                        UntrainedEncoderWarning.describe("squeezenet", why), false);
            }
        }
        return new Encoder("squeezenet", graph, INPUT, TAPS, Preprocessing.CAFFE_BGR, source, true);
    }

    static ComputationGraph restore(Path zip) {
        try {
            return ModelSerializer.restoreComputationGraph(zip.toFile(), false);
        } catch (Exception e) {
            throw new AnomalyException("cannot load " + zip + " as a DL4J model zip: " + e.getMessage()
                    + " (corrupt or truncated file; download it again)", e);
        }
    }

    /** Copies parameters layer by layer (same names) from a pretrained zoo graph. */
    static void copyFrom(ComputationGraph from, ComputationGraph to, String source) {
        for (org.deeplearning4j.nn.api.Layer layer : to.getLayers()) {
            if (layer.numParams() == 0) {
                continue;
            }
            String name = layer.conf().getLayer().getLayerName();
            org.deeplearning4j.nn.api.Layer src = from.getVertex(name) == null ? null : from.getLayer(name);
            if (src == null || src.numParams() != layer.numParams()) {
                throw new AnomalyException(source + ": no matching layer '" + name + "': weights for another model");
            }
            layer.setParams(src.params());
        }
    }
}
