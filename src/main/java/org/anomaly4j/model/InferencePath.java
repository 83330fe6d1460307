package org.anomaly4j.model;

import org.anomaly4j.config.ModelConfig;
import org.anomaly4j.config.TrainConfig;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastDivOp;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A fast way through the one graph for encoding and scoring: its encoder part (cut out of the full
 * graph, same parameters), the per-pixel L2 normalisation done by a native ND4J op instead of the
 * in-graph LRN layer (which costs channels² per pixel in DL4J), and its decoder part without the
 * loss branches (parameters copied by name). Gives the same targets and reconstructions as
 * {@code graph.feedForward} of the full graph (checked by a test).
 */
public final class InferencePath {
    private static final Logger LOG = LoggerFactory.getLogger(InferencePath.class);
    private final HfrModel model;
    private final ComputationGraph encoder;
    /** The encoder part with channels-last activations (faster with oneDNN), when it converts. */
    private final ComputationGraph encoderNhwc;
    /** Runs {@link #encoderNhwc} with its convolutions, pooling, activations and concatenations as direct ND4J ops; null when off. */
    private final DirectNhwcForward direct;
    private final ComputationGraph decoder;
    private final List<String> rawTaps;
    private final boolean normalize;
    /** Per-pixel L2 norm of each normalised target, read from the model's own layers (models saved before unit RMS have 1). */
    private final double[] targetNorms;

    public InferencePath(HfrModel model, ModelConfig modelConfig, TrainConfig trainConfig) {
        this.model = model;
        this.normalize = model.taps().get(0).name().startsWith(HfrModelBuilder.NORMALIZED_PREFIX);
        this.rawTaps = model.taps().stream()
                .map(t -> normalize ? t.name().substring(HfrModelBuilder.NORMALIZED_PREFIX.length()) : t.name()).toList();
        this.targetNorms = model.taps().stream().mapToDouble(t -> normalize ? ChannelL2Normalization.normOf(
                (LocalResponseNormalization) model.graph().getLayer(t.name()).conf().getLayer()) : 1).toArray();
        this.encoder = encoderPart(model.graph(), rawTaps);
        this.encoderNhwc = ChannelsLast.enabled() ? ChannelsLast.convert(encoder).orElse(null) : null;
        if (ChannelsLast.enabled() && encoderNhwc == null) {
            LOG.warn("The {} encoder has a vertex without a channels-last form: it runs in NCHW (slower)", model.encoderKind());
        }
        this.direct = encoderNhwc != null && DirectNhwcForward.enabled() ? new DirectNhwcForward(encoderNhwc) : null;
        this.decoder = HfrModelBuilder.decoderOnly(model, modelConfig, trainConfig, false);
        HfrModelBuilder.copyParams(model.graph(), decoder);
    }

    /** Whether the encoder runs with channels-last activations (reported by the benchmark). */
    public boolean channelsLast() {
        return encoderNhwc != null;
    }

    /** Which encoder vertices run as direct ND4J ops instead of DL4J layers (reported by the benchmark); "none" when off. */
    public String directOps() {
        return direct == null ? "none" : direct.directOps();
    }

    /** Reconstruction targets (normalised taps when the model normalises), by target name; input already preprocessed. */
    public Map<String, INDArray> targets(INDArray input) {
        INDArray[] taps = encode(input);
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (int k = 0; k < taps.length; k++) {
            out.put(model.taps().get(k).name(), normalize ? toNorm(taps[k], targetNorms[k]) : taps[k]);
        }
        return out;
    }

    /**
     * Scales each pixel's channel vector to the L2 norm {@code norm}, in place. A broadcast op: materialising
     * the norms at full size first ({@code norm.broadcast(shape)}) took 8x longer, as long as the encoder itself.
     */
    public static INDArray toNorm(INDArray tap, double norm) {
        INDArray norms = tap.norm2(1).addi(1e-12).divi(norm);
        Nd4j.getExecutioner().exec(new BroadcastDivOp(tap, norms, tap, 0, 2, 3));
        norms.close();
        return tap;
    }

    /** The encoder's forward pass: the raw taps ([N,C,h,w], arrays of their own) of a preprocessed batch. */
    public INDArray[] encode(INDArray input) {
        if (encoderNhwc == null) {
            return encoder.output(false, input);
        }
        INDArray x = ChannelsLast.toNhwc(input);
        if (direct != null) {
            INDArray[] taps = direct.output(x, true);
            x.close();
            return taps;
        }
        INDArray[] nhwc = encoderNhwc.output(false, x);
        INDArray[] taps = new INDArray[nhwc.length];
        for (int k = 0; k < nhwc.length; k++) {
            taps[k] = ChannelsLast.toNchw(nhwc[k]);
            nhwc[k].close();
        }
        x.close();
        return taps;
    }

    /** Targets and reconstructions ({@code recon_<target>}) of a preprocessed batch. */
    public Map<String, INDArray> targetsAndReconstructions(INDArray input) {
        Map<String, INDArray> targets = targets(input);
        Map<String, INDArray> acts = decoder.feedForward(targets.values().toArray(INDArray[]::new), false);
        Map<String, INDArray> out = new LinkedHashMap<>(targets);
        for (String r : model.reconstructions()) {
            out.put(r, acts.get(r));
        }
        return out;
    }

    /** The encoder vertices of the full graph, cut out with their (frozen) parameters; outputs = the raw taps. */
    public static ComputationGraph encoderPart(ComputationGraph full, List<String> taps) {
        var conf = full.getConfiguration();
        Set<String> keep = new HashSet<>(conf.getNetworkInputs());
        Deque<String> todo = new ArrayDeque<>(taps);
        while (!todo.isEmpty()) {
            String v = todo.pop();
            if (keep.add(v) && conf.getVertexInputs().get(v) != null) {
                todo.addAll(conf.getVertexInputs().get(v));
            }
        }
        TransferLearning.GraphBuilder tl = new TransferLearning.GraphBuilder(full);
        for (Map.Entry<String, GraphVertex> v : conf.getVertices().entrySet()) {
            if (!keep.contains(v.getKey())) {
                tl.removeVertexAndConnections(v.getKey());
            }
        }
        tl.setOutputs(taps.toArray(String[]::new));
        ComputationGraph part = tl.build();
        // TransferLearning re-initialises the layer feeding the deepest tap here (seen in M2.1); copy by name.
        HfrModelBuilder.copyParams(full, part);
        return part;
    }
}
