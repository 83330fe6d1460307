package org.anomaly4j.loss;

import org.anomaly4j.model.ChannelL2Normalization;
import org.anomaly4j.model.GraphSink;
import org.anomaly4j.model.TapShape;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.List;

/**
 * One weighted loss branch per tap, from built-in DL4J layers and vertices only (so a saved graph loads in any
 * DL4J app): {@code difference -> scale -> CnnLossLayer(MSE)} against all-zero labels.
 * <ul>
 *   <li>mse: difference = reconstruction - tap; branch loss = w * mean over pixels and channels of diff^2</li>
 *   <li>cosine: difference of the channel-wise L2-normalised vectors; since |a/|a| - b/|b||^2 = 2(1 - cos),
 *       branch loss = w * mean over pixels of (1 - cos)</li>
 * </ul>
 * The scale folds in the branch weight and the DL4J per-pixel averaging, so weights are comparable
 * across taps of different sizes.
 */
public final class LossBranches {
    private LossBranches() {
    }

    /** Adds the branches; returns the loss (output) layer names. Zero labels of each tap's shape go with them. */
    public static List<String> add(GraphSink sink, List<TapShape> taps, List<String> reconstructions,
                                   String lossType, List<Double> weights) {
        if (!weights.isEmpty() && weights.size() != taps.size()) {
            throw new org.anomaly4j.AnomalyException("train.branchWeights: " + weights.size() + " weights for " + taps.size()
                    + " taps " + taps.stream().map(TapShape::name).toList() + " (give one weight per tap, shallow to deep, or [] for all 1)");
        }
        List<String> outputs = new ArrayList<>();
        for (int k = 0; k < taps.size(); k++) {
            TapShape t = taps.get(k);
            double w = weights.isEmpty() ? 1.0 : weights.get(k);
            double pixels = (double) t.height() * t.width();
            if (!lossType.equals("cosine")) {
                String diff = "mse_diff_" + t.name();
                sink.vertex(diff, new ElementWiseVertex(ElementWiseVertex.Op.Subtract), reconstructions.get(k), t.name());
                outputs.add(branch(sink, "mse_" + t.name(), diff, Math.sqrt(w / pixels)));
            }
            if (!lossType.equals("mse")) {
                String nr = ChannelL2Normalization.addUnitNorm(sink, "cos_norm_recon_" + t.name(), reconstructions.get(k), t.channels());
                String nt = ChannelL2Normalization.addUnitNorm(sink, "cos_norm_tap_" + t.name(), t.name(), t.channels());
                String diff = "cos_diff_" + t.name();
                sink.vertex(diff, new ElementWiseVertex(ElementWiseVertex.Op.Subtract), nr, nt);
                outputs.add(branch(sink, "cos_" + t.name(), diff, Math.sqrt(w * t.channels() / (2 * pixels))));
            }
        }
        return outputs;
    }

    private static String branch(GraphSink sink, String name, String diff, double scale) {
        sink.vertex(name + "_scaled", new ScaleVertex(scale), diff);
        String loss = "loss_" + name;
        sink.layer(loss, new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE)
                .activation(Activation.IDENTITY).build(), name + "_scaled");
        return loss;
    }
}
