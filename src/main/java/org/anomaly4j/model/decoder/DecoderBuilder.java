package org.anomaly4j.model.decoder;

import org.anomaly4j.config.DecoderConfig;
import org.anomaly4j.model.GraphSink;
import org.anomaly4j.model.TapShape;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping2D;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.IUpdater;

import java.util.ArrayList;
import java.util.List;

/**
 * The trainable half of the model. All taps are projected, brought to the deepest tap's
 * resolution and fused into a narrow bottleneck (the compression that keeps the decoder from
 * learning the identity); the decoder then climbs back up, one block per tap, and each block's
 * 1x1 head reconstructs that tap. Sizes need not halve exactly (SqueezeNet: 55, 27, 13): every
 * resize ends with a crop or pad to the tap's exact size.
 */
public final class DecoderBuilder {
    private final GraphSink sink;
    private final DecoderConfig cfg;
    private final IUpdater updater;

    public DecoderBuilder(GraphSink sink, DecoderConfig cfg, IUpdater updater) {
        this.sink = sink;
        this.cfg = cfg;
        this.updater = updater;
    }

    /** Name of the vertex that reconstructs {@code tap}. */
    public static String reconstructionOf(String tap) {
        return "recon_" + tap;
    }

    /**
     * Channels of the level of tap k: {@code width} at the deepest tap, halved per level towards the
     * shallow, high-resolution taps (as in U-Net decoders), so the costly fine levels stay narrow.
     */
    public int widthOf(int k, int levels) {
        return Math.max(8, cfg.width() >> (levels - 1 - k));
    }

    /** Adds the decoder; returns the reconstruction vertex names, in tap order. */
    public List<String> build(List<TapShape> taps) {
        TapShape deepest = taps.get(taps.size() - 1);
        int levels = taps.size();
        List<String> fused = new ArrayList<>();
        int fusedChannels = 0;
        for (int k = 0; k < taps.size(); k++) {
            TapShape t = taps.get(k);
            int width = widthOf(k, levels);
            fusedChannels += width;
            String proj = conv("fuse" + k + "_proj", 1, 1, t.channels(), width, true, t.name());
            String cur = proj;
            int h = t.height();
            int w = t.width();
            int step = 0;
            while (h > deepest.height() || w > deepest.width()) {
                cur = conv("fuse" + k + "_down" + step, 3, 2, width, width, true, cur);
                h = (h + 1) / 2;
                w = (w + 1) / 2;
                step++;
            }
            fused.add(fitTo("fuse" + k, cur, h, w, deepest.height(), deepest.width()));
        }
        sink.vertex("fuse_merge", new MergeVertex(), fused.toArray(String[]::new));
        String cur = conv("bottleneck", 3, cfg.bottleneckStride(), fusedChannels, cfg.bottleneck(), true, "fuse_merge");
        if (cfg.bottleneckStride() > 1) {
            int s = cfg.bottleneckStride();
            sink.layer("bottleneck_up", new Upsampling2D.Builder(s).build(), cur);
            int h = (deepest.height() + s - 1) / s * s; // ConvolutionMode.Same: ceil(h / s), times s
            int w = (deepest.width() + s - 1) / s * s;
            cur = fitTo("bottleneck", "bottleneck_up", h, w, deepest.height(), deepest.width());
        }
        int channels = cfg.bottleneck();

        String[] recon = new String[taps.size()];
        for (int k = taps.size() - 1; k >= 0; k--) {
            TapShape t = taps.get(k);
            if (k < taps.size() - 1) {
                TapShape below = taps.get(k + 1);
                int factor = upsamplingFactor(t, below);
                if (factor > 1) {
                    String up = "dec" + k + "_up";
                    sink.layer(up, new Upsampling2D.Builder(factor).build(), cur);
                    cur = up;
                }
                cur = fitTo("dec" + k, cur, below.height() * factor, below.width() * factor, t.height(), t.width());
            }
            for (int d = 0; d < cfg.depth(); d++) {
                cur = conv("dec" + k + "_conv" + d, 3, 1, channels, widthOf(k, levels), true, cur);
                channels = widthOf(k, levels);
            }
            recon[k] = reconstructionOf(t.name());
            sink.layer(recon[k], new ConvolutionLayer.Builder(1, 1).nIn(channels).nOut(t.channels())
                    .convolutionMode(ConvolutionMode.Same).activation(Activation.IDENTITY)
                    .weightInit(WeightInit.XAVIER).updater(updater).l2(0).build(), cur);
        }
        return List.of(recon);
    }

    /**
     * How much the level below must be enlarged to reach tap {@code t}: 2 between neighbouring stages, 1
     * for two taps of one stage (SqueezeNet's fire2 and fire3), 4 when a stage is skipped (fire3 and
     * fire7). Rounded, since odd sizes do not divide exactly (55 / 27); the crop or pad fixes the rest.
     */
    static int upsamplingFactor(TapShape t, TapShape below) {
        return Math.max(1, (int) Math.round((double) t.height() / below.height()));
    }

    /** conv (+ batch norm) + ReLU; returns the name of the last vertex. */
    private String conv(String name, int kernel, int stride, int nIn, int nOut, boolean relu, String input) {
        sink.layer(name, new ConvolutionLayer.Builder(kernel, kernel).stride(stride, stride).nIn(nIn).nOut(nOut)
                .convolutionMode(ConvolutionMode.Same).activation(Activation.IDENTITY)
                .weightInit(WeightInit.RELU).updater(updater).l2(0).build(), input);
        String out = name;
        if (cfg.batchNorm()) {
            sink.layer(name + "_bn", new BatchNormalization.Builder().nIn(nOut).nOut(nOut).updater(updater).build(), out);
            out = name + "_bn";
        }
        if (relu) {
            sink.layer(name + "_relu", new ActivationLayer(Activation.RELU), out);
            out = name + "_relu";
        }
        return out;
    }

    /** Crops or zero-pads (bottom/right) from h x w to the target size. */
    private String fitTo(String prefix, String input, int h, int w, int targetH, int targetW) {
        String cur = input;
        int cropH = Math.max(0, h - targetH);
        int cropW = Math.max(0, w - targetW);
        if (cropH > 0 || cropW > 0) {
            sink.layer(prefix + "_crop", new Cropping2D(0, cropH, 0, cropW), cur);
            cur = prefix + "_crop";
        }
        int padH = Math.max(0, targetH - h);
        int padW = Math.max(0, targetW - w);
        if (padH > 0 || padW > 0) {
            sink.layer(prefix + "_pad", new ZeroPaddingLayer.Builder(0, padH, 0, padW).build(), cur);
            cur = prefix + "_pad";
        }
        return cur;
    }
}
