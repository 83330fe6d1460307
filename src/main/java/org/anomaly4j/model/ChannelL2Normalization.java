package org.anomaly4j.model;

import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;

/**
 * Per-pixel L2 normalisation along channels as a built-in DL4J layer. {@code L2NormalizeVertex(dim 1)}
 * fails on 4-D input in DL4J M2.1 (it broadcasts the norm along dimension 0), so this is local
 * response normalisation with a window spanning every channel: a_c / (k + alpha sum_j a_j^2)^0.5,
 * k = 1e-12 (pinned by a test), which gives every pixel's channel vector the L2 norm 1 / sqrt(alpha).
 * Its cost grows with channels squared, so it is applied to cached taps once, not in every training step.
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

    /** The per-pixel L2 norm a layer built here gives. */
    public static double normOf(LocalResponseNormalization layer) {
        return 1 / Math.sqrt(layer.getAlpha());
    }

    private static LocalResponseNormalization withNorm(int channels, double norm) {
        return new LocalResponseNormalization.Builder().k(1e-12).n(2 * channels - 1).alpha(1 / (norm * norm)).beta(0.5).build();
    }
}
