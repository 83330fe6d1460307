package org.anomaly4j.model;

import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;

/**
 * Per-pixel L2 normalisation along channels as a built-in DL4J layer. {@code L2NormalizeVertex(dim 1)}
 * fails on 4-D input in DL4J M2.1 (it broadcasts the norm along dimension 0), so this is local
 * response normalisation with a window spanning every channel: a_c / (k + sum_j a_j^2)^0.5, k = 1e-12
 * (pinned by a test). Its cost grows with channels squared, so it is applied to cached taps once,
 * not in every training step.
 */
public final class ChannelL2Normalization {
    private ChannelL2Normalization() {
    }

    public static LocalResponseNormalization layer(int channels) {
        return new LocalResponseNormalization.Builder().k(1e-12).n(2 * channels - 1).alpha(1).beta(0.5).build();
    }
}
