package org.anomaly4j.model;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.FrozenVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping2D;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Optional;

/**
 * The same convolutional graph with channels-last (NHWC) activations and the same parameters (DL4J
 * keeps convolution weights in one layout for both formats). oneDNN convolves NHWC data without the
 * two layout reorders per layer that NCHW costs: 1.3-1.5x faster convolutions here
 * (reports/benchmarks/performance.md). Used for the frozen encoder's forward pass only; the model
 * itself stays NCHW. A graph with any vertex whose format cannot be switched is not converted.
 */
public final class ChannelsLast {
    /** {@code -Danomaly4j.channelsLast=false} keeps the encoder in NCHW (for comparisons). */
    public static final String PROPERTY = "anomaly4j.channelsLast";

    private ChannelsLast() {
    }

    /** Only with the oneDNN helpers: DL4J's built-in NHWC convolutions are not faster. */
    public static boolean enabled() {
        return Boolean.parseBoolean(System.getProperty(PROPERTY, "true")) && OneDnnHelpers.active();
    }

    /** The NHWC copy of {@code nchw}, or empty if some vertex has no channels-last form. */
    public static Optional<ComputationGraph> convert(ComputationGraph nchw) {
        return convert(nchw, CNN2DFormat.NHWC);
    }

    /**
     * The copy of {@code graph} with every layer in {@code format}, or empty if some vertex cannot be
     * switched. Also the way back: Keras imports arrive channels-last and are made NCHW with it.
     */
    public static Optional<ComputationGraph> convert(ComputationGraph graph, CNN2DFormat format) {
        ComputationGraphConfiguration conf = graph.getConfiguration().clone();
        for (GraphVertex vertex : conf.getVertices().values()) {
            // A frozen encoder's merge and add vertices come wrapped (setFeatureExtractor); convert what is inside.
            GraphVertex v = vertex instanceof FrozenVertex f ? f.getUnderlying() : vertex;
            if (v instanceof LayerVertex lv) {
                if (lv.getPreProcessor() instanceof FeedForwardToCnnPreProcessor) {
                    lv.setPreProcessor(null); // a pass-through for 4-d input, but it would check NCHW channels
                }
                if (lv.getPreProcessor() != null || !setFormat(unwrap(lv.getLayerConf().getLayer()), format)) {
                    return Optional.empty();
                }
            } else if (v instanceof MergeVertex merge) {
                merge.setMergeAxis(format == CNN2DFormat.NHWC ? 3 : 1);
            } else if (!(v instanceof ElementWiseVertex)) {
                return Optional.empty();
            }
        }
        ComputationGraph converted = new ComputationGraph(conf);
        converted.init(graph.params().dup(), false);
        return Optional.of(converted);
    }

    /** [N,C,H,W] to a contiguous [N,H,W,C]. */
    public static INDArray toNhwc(INDArray nchw) {
        return nchw.permute(0, 2, 3, 1).dup('c');
    }

    /** [N,H,W,C] to a contiguous [N,C,H,W]. */
    public static INDArray toNchw(INDArray nhwc) {
        return nhwc.permute(0, 3, 1, 2).dup('c');
    }

    private static Layer unwrap(Layer l) {
        if (l instanceof FrozenLayer f) {
            return unwrap(f.getLayer());
        }
        if (l instanceof FrozenLayerWithBackprop f) {
            return unwrap(f.getUnderlying());
        }
        return l;
    }

    private static boolean setFormat(Layer l, CNN2DFormat format) {
        if (l instanceof ConvolutionLayer c) {
            c.setCnn2dDataFormat(format);
        } else if (l instanceof SubsamplingLayer s) {
            s.setCnn2dDataFormat(format);
        } else if (l instanceof BatchNormalization b) {
            b.setCnn2DFormat(format);
        } else if (l instanceof ZeroPaddingLayer z) {
            z.setDataFormat(format);
        } else if (l instanceof Cropping2D c) {
            c.setDataFormat(format);
        } else if (l instanceof Upsampling2D u) {
            u.setFormat(format);
        } else if (l instanceof LocalResponseNormalization n) {
            n.setDataFormat(format);
        } else {
            return l instanceof ActivationLayer || l instanceof DropoutLayer;
        }
        return true;
    }
}
