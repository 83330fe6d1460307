package org.anomaly4j.model;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;

/**
 * Per-pixel L2 normalisation along channels as a built-in DL4J layer. {@code L2NormalizeVertex(dim 1)}
 * fails on 4-D input in DL4J M2.1 (it broadcasts the norm along dimension 0), so this is local
 * response normalisation with a window spanning every channel: a_c / (k + alpha sum_j a_j^2)^0.5,
 * k = 1e-12 (pinned by a test), which gives every pixel's channel vector the L2 norm 1 / sqrt(alpha).
 * Its cost grows with channels squared (DL4J's CPU LRN adds one shifted copy per channel), so it is applied
 * to cached taps once; the cosine loss, which normalises in every training step, uses {@link #addUnitNorm}.
 */
public final class ChannelL2Normalization {
    private ChannelL2Normalization() {
    }

    /** Unit L2 norm per pixel: for cosine distances and the cosine loss, where only directions count. */
    public static LocalResponseNormalization layer(int channels) {
        return withNorm(channels, 1);
    }

    /**
     * L2 norm sqrt(channels) per pixel, so each element has unit root mean square: the reconstruction
     * targets. With unit-norm targets each element is about 1/sqrt(channels) (0.03 to 0.09), far below
     * the scale the decoder's initialisation and Adam's step size assume; the decoder then learned
     * little more than the mean feature (reconstructions nearly constant across images).
     */
    public static LocalResponseNormalization unitRms(int channels) {
        return withNorm(channels, Math.sqrt(channels));
    }

    /**
     * Unit L2 norm per pixel as a sub-graph whose cost grows linearly with channels: x * rsqrt(sum_c x^2).
     * The channel sum and its broadcast back to every channel are 1x1 convolutions with weights fixed at 1
     * (frozen, gradients still pass); the inverse square root is LRN over the single summed channel with
     * beta 0.75, s / (k + s^2)^0.75 = s^-1/2; k = 1e-24 acts on the norm's fourth power, so it takes over
     * below a norm of 1e-6 as the layer's k does. Built-in layers only, so saved graphs load anywhere. With the
     * full-window LRN layer the cosine loss trained ~30x slower at 320 px (0.1 images/s on one core).
     *
     * @return the name of the vertex that holds the normalised tensor
     */
    public static String addUnitNorm(GraphSink sink, String name, String input, int channels) {
        sink.vertex(name + "_sq", new ElementWiseVertex(ElementWiseVertex.Op.Product), input, input);
        sink.layer(name + "_sum", ones(channels, 1), name + "_sq");
        sink.layer(name + "_rsqrt", new LocalResponseNormalization.Builder().k(1e-24).n(1).alpha(1).beta(0.75).build(),
                name + "_sum");
        sink.layer(name + "_bcast", ones(1, channels), name + "_rsqrt");
        sink.vertex(name, new ElementWiseVertex(ElementWiseVertex.Op.Product), input, name + "_bcast");
        return name;
    }

    private static FrozenLayerWithBackprop ones(int nIn, int nOut) {
        return new FrozenLayerWithBackprop(new ConvolutionLayer.Builder(1, 1).nIn(nIn).nOut(nOut).hasBias(false)
                .convolutionMode(ConvolutionMode.Same).activation(Activation.IDENTITY).weightInit(WeightInit.ONES).build());
    }

    /** The per-pixel L2 norm a layer built here gives. */
    public static double normOf(LocalResponseNormalization layer) {
        return 1 / Math.sqrt(layer.getAlpha());
    }

    private static LocalResponseNormalization withNorm(int channels, double norm) {
        return new LocalResponseNormalization.Builder().k(1e-12).n(2 * channels - 1).alpha(1 / (norm * norm)).beta(0.5).build();
    }
}
