package org.anomaly4j.model;

import org.anomaly4j.AnomalyException;
import org.anomaly4j.config.ModelConfig;
import org.anomaly4j.config.TrainConfig;
import org.anomaly4j.loss.LossBranches;
import org.anomaly4j.model.decoder.DecoderBuilder;
import org.anomaly4j.model.encoder.Encoder;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Assembles the model: the encoder graph is cut to the ancestors of its taps and frozen
 * ({@code setFeatureExtractor}), then the decoder and the loss branches are added. The same decoder
 * and branches can also be built alone, with the taps as inputs, to train on cached features.
 */
public final class HfrModelBuilder {
    static {
        org.anomaly4j.model.OneDnnHelpers.enable(); // before any layer is created
    }

    private HfrModelBuilder() {
    }

    public static List<TapShape> tapShapes(Encoder encoder, int imageSize) {
        Map<String, InputType> types = encoder.graph().getConfiguration()
                .getLayerActivationTypes(InputType.convolutional(imageSize, imageSize, 3));
        List<TapShape> shapes = new ArrayList<>();
        for (String tap : encoder.taps()) {
            InputType t = types.get(tap);
            if (!(t instanceof InputType.InputTypeConvolutional c)) {
                throw new AnomalyException("model.taps: '" + tap + "' is not a convolutional feature map of " + encoder.kind());
            }
            if (c.getHeight() < 2 || c.getWidth() < 2) {
                throw new AnomalyException("data.imageSize " + imageSize + " is too small for " + encoder.kind()
                        + ": tap " + tap + " would be " + c.getHeight() + "x" + c.getWidth() + " (use a larger size)");
            }
            shapes.add(new TapShape(tap, (int) c.getChannels(), (int) c.getHeight(), (int) c.getWidth()));
        }
        for (int k = 1; k < shapes.size(); k++) {
            if (shapes.get(k).height() > shapes.get(k - 1).height()) {
                throw new AnomalyException("model.taps must go from shallow to deep (high to low resolution): " + encoder.taps());
            }
        }
        return shapes;
    }

    public static HfrModel build(Encoder encoder, ModelConfig m, TrainConfig t, int imageSize) {
        List<TapShape> taps = tapShapes(encoder, imageSize);
        IUpdater updater = new Adam(t.learningRate());
        String deepest = taps.get(taps.size() - 1).name();

        TransferLearning.GraphBuilder tl = new TransferLearning.GraphBuilder(encoder.graph())
                .fineTuneConfiguration(new FineTuneConfiguration.Builder().updater(updater).seed(t.seed())
                        .trainingWorkspaceMode(WorkspaceMode.ENABLED).inferenceWorkspaceMode(WorkspaceMode.ENABLED).build())
                .setFeatureExtractor(deepest);
        Set<String> keep = ancestors(encoder.graph().getConfiguration(), encoder.taps());
        for (String v : encoder.graph().getConfiguration().getVertices().keySet()) {
            if (!keep.contains(v)) {
                tl.removeVertexAndConnections(v);
            }
        }
        GraphSink sink = GraphSink.of(tl);
        taps = targets(sink, taps, m.normalizeTaps(), m.tapNorm());
        List<String> recon = new DecoderBuilder(sink, m.decoder(), updater).build(taps);
        List<String> losses = LossBranches.add(sink, taps, recon, t.loss(), t.branchWeights());
        tl.setOutputs(losses.toArray(String[]::new));
        tl.setInputTypes(InputType.convolutional(imageSize, imageSize, 3));
        ComputationGraph graph = tl.build();
        return new HfrModel(graph, encoder.inputName(), imageSize, taps, recon, losses, encoder.preprocessing(),
                encoder.kind(), encoder.weightsSource(), encoder.pretrained(), 0);
    }

    /**
     * What the decoder reconstructs: the taps themselves, or their channel-normalised versions
     * ({@code norm_<tap>} vertices, added here): at unit RMS ({@link ChannelL2Normalization#unitRms}),
     * or at unit norm with {@code tapNorm: unit}.
     */
    static List<TapShape> targets(GraphSink sink, List<TapShape> taps, boolean normalize, String tapNorm) {
        if (!normalize) {
            return taps;
        }
        List<TapShape> out = new ArrayList<>();
        for (TapShape t : taps) {
            String name = NORMALIZED_PREFIX + t.name();
            sink.layer(name, UNIT.equals(tapNorm) ? ChannelL2Normalization.layer(t.channels())
                    : ChannelL2Normalization.unitRms(t.channels()), t.name());
            out.add(new TapShape(name, t.channels(), t.height(), t.width()));
        }
        return out;
    }

    public static final String NORMALIZED_PREFIX = "norm_";
    /** {@code model.tapNorm} value for unit-L2-norm targets (the default, {@code rms}, gives unit RMS). */
    public static final String UNIT = "unit";

    /** The decoder and loss branches alone, with one input per tap (same vertex names as in the full graph). */
    public static ComputationGraph decoderOnly(HfrModel model, ModelConfig m, TrainConfig t) {
        return decoderOnly(model, m, t, true);
    }

    /** As above; without the loss branches ({@code withLoss = false}) its outputs are the reconstructions. */
    public static ComputationGraph decoderOnly(HfrModel model, ModelConfig m, TrainConfig t, boolean withLoss) {
        IUpdater updater = new Adam(t.learningRate());
        ComputationGraphConfiguration.GraphBuilder gb = new NeuralNetConfiguration.Builder().seed(t.seed())
                .updater(updater).trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED).graphBuilder();
        List<TapShape> taps = model.taps();
        InputType[] types = new InputType[taps.size()];
        for (int k = 0; k < taps.size(); k++) {
            gb.addInputs(taps.get(k).name());
            types[k] = InputType.convolutional(taps.get(k).height(), taps.get(k).width(), taps.get(k).channels());
        }
        gb.setInputTypes(types);
        GraphSink sink = GraphSink.of(gb);
        List<String> recon = new DecoderBuilder(sink, m.decoder(), updater).build(taps);
        List<String> outputs = withLoss ? LossBranches.add(sink, taps, recon, t.loss(), t.branchWeights()) : recon;
        gb.setOutputs(outputs.toArray(String[]::new));
        ComputationGraph g = new ComputationGraph(gb.build());
        g.init();
        return g;
    }

    /** Copies every parameterised layer of {@code from} that {@code to} also has (same name) into {@code to}. */
    public static void copyParams(ComputationGraph from, ComputationGraph to) {
        for (org.deeplearning4j.nn.api.Layer layer : from.getLayers()) {
            String name = layer.conf().getLayer().getLayerName();
            if (layer.numParams() > 0 && to.getVertex(name) != null) {
                to.getLayer(name).setParams(layer.params().dup());
            }
        }
    }

    private static Set<String> ancestors(ComputationGraphConfiguration conf, List<String> taps) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(taps);
        while (!todo.isEmpty()) {
            String v = todo.pop();
            if (seen.add(v)) {
                List<String> inputs = conf.getVertexInputs().get(v);
                if (inputs != null) {
                    todo.addAll(inputs);
                }
            }
        }
        seen.addAll(conf.getNetworkInputs());
        return seen;
    }
}
