package org.anomaly4j.export;

import org.anomaly4j.AnomalyException;
import org.anomaly4j.config.ScoringConfig;
import org.anomaly4j.model.ChannelL2Normalization;
import org.anomaly4j.model.GraphSink;
import org.anomaly4j.model.HfrModel;
import org.anomaly4j.model.HfrModelBuilder;
import org.anomaly4j.model.TapShape;
import org.anomaly4j.scoring.Aggregation;
import org.anomaly4j.scoring.BaselineMap;
import org.anomaly4j.scoring.LinearResize;
import org.anomaly4j.scoring.ScoreMode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The trained graph with the test-time half of the method built in, for DL4J apps that know nothing
 * of anomaly4j: input = preprocessed image batch; outputs {@value #MAP_OUTPUT} [N,1,H,W] and
 * {@value #SCORE_OUTPUT} [N,1]. Only built-in layers and vertices with fixed weights:
 * <ul>
 *   <li>per-scale error: cosine = 1 - sum_c(â_c b̂_c) via LRN normalisation, a product and a 1x1 conv
 *       (weights -1, bias 1); mse = mean_c (a-b)^2 via two differences, a product and a 1x1 conv (1/C)</li>
 *   <li>upsampling and smoothing are separable linear maps R·E·Cᵀ: a conv with kernel (h,1) and H filters
 *       applies R (giving [N,H,1,w]); a depthwise conv with kernel (1,w) and multiplier W applies C,
 *       channel y*W+x holding pixel (y,x); its bias carries minus the baseline map (and its weights and bias
 *       the train-zscore inverse spread); two preprocessors
 *       reshape [N,H*W,1,1] to [N,1,H,W]</li>
 *   <li>sum aggregation is linear, so smoothing is folded into every scale's matrices; product
 *       aggregation multiplies the upsampled maps, then applies one smoothing block</li>
 *   <li>score = global max (or average, for {@code mean}) pooling of the map (top-k has no built-in layer:
 *       export refuses it)</li>
 * </ul>
 */
public final class ExportGraphBuilder {
    public static final String MAP_OUTPUT = "anomaly_map";
    public static final String SCORE_OUTPUT = "score";
    private static final String P = "head_";

    private ExportGraphBuilder() {
    }

    public static ComputationGraph build(HfrModel model, ScoringConfig scoring, BaselineMap baseline) {
        ScoreMode mode = ScoreMode.parse(scoring.scoreMode());
        if (mode == ScoreMode.TOPK) {
            throw new AnomalyException("scoring.scoreMode=" + scoring.scoreMode() + " cannot be built from DL4J's built-in layers"
                    + " (no top-k pooling); export with --set scoring.scoreMode=max or mean (thresholds are recomputed for it)");
        }
        ComputationGraph full = model.graph();
        ComputationGraphConfiguration conf = full.getConfiguration();
        List<String> needed = new ArrayList<>(model.tapNames());
        needed.addAll(model.reconstructions());
        Set<String> keep = ancestors(conf, needed);
        TransferLearning.GraphBuilder tl = new TransferLearning.GraphBuilder(full);
        for (String v : conf.getVertices().keySet()) {
            if (!keep.contains(v)) {
                tl.removeVertexAndConnections(v);
            }
        }
        int size = model.imageSize();
        boolean cosine = "cosine".equals(scoring.distance());
        boolean sum = Aggregation.parse(scoring.aggregation()) == Aggregation.SUM;
        double[][] smooth = LinearResize.gaussian(size, scoring.sigma());
        List<Block> blocks = new ArrayList<>();
        List<String> scaleMaps = new ArrayList<>();
        for (int k = 0; k < model.taps().size(); k++) {
            TapShape t = model.taps().get(k);
            String err = addError(tl, k, t, model.reconstructions().get(k), cosine);
            double[][] up = LinearResize.bilinear(t.height(), size);
            double[][] rows = sum ? LinearResize.multiply(smooth, up) : up;
            double[][] cols = sum ? LinearResize.multiply(smooth, LinearResize.bilinear(t.width(), size)) : LinearResize.bilinear(t.width(), size);
            // sum: every scale's block yields its share of the final map, so each carries the spread
            // scaling and the first one the mean
            Block b = addBlock(tl, P + "scale" + k, err, t.height(), t.width(), size, rows, cols,
                    sum ? baseline : null, k == 0);
            blocks.add(b);
            scaleMaps.add(b.output());
        }
        String combined = scaleMaps.size() == 1 ? scaleMaps.get(0) : P + "combined";
        if (scaleMaps.size() > 1) {
            tl.addVertex(combined, new ElementWiseVertex(sum ? ElementWiseVertex.Op.Add : ElementWiseVertex.Op.Product),
                    scaleMaps.toArray(String[]::new));
        }
        if (sum) {
            reshapeToMap(tl, combined, size, MAP_OUTPUT);
        } else {
            reshapeToMap(tl, combined, size, P + "product_map");
            Block s = addBlock(tl, P + "smooth", P + "product_map", size, size, size, smooth, smooth, baseline, true);
            blocks.add(s);
            reshapeToMap(tl, s.output(), size, MAP_OUTPUT);
        }
        tl.addLayer(SCORE_OUTPUT, new GlobalPoolingLayer.Builder(mode == ScoreMode.MEAN ? PoolingType.AVG : PoolingType.MAX).collapseDimensions(true).build(), MAP_OUTPUT);
        tl.setOutputs(MAP_OUTPUT, SCORE_OUTPUT);
        ComputationGraph g = tl.build();
        // TransferLearning re-initialises some kept layers (seen in M2.1): copy every trained parameter by name.
        HfrModelBuilder.copyParams(full, g);
        for (int k = 0; k < model.taps().size(); k++) {
            TapShape t = model.taps().get(k);
            INDArray w = g.getLayer(P + "error" + k).getParam("W");
            w.assign(cosine ? -1.0 : 1.0 / t.channels());
            g.getLayer(P + "error" + k).getParam("b").assign(cosine ? 1.0 : 0.0);
        }
        for (Block b : blocks) {
            b.setWeights(g);
        }
        return g;
    }

    /** Per-pixel error of scale k, [N,1,h,w]. */
    private static String addError(TransferLearning.GraphBuilder tl, int k, TapShape t, String recon, boolean cosine) {
        String a;
        String b;
        if (cosine) {
            GraphSink sink = GraphSink.of(tl);
            a = ChannelL2Normalization.addUnitNorm(sink, P + "norm_target" + k, t.name(), t.channels());
            b = ChannelL2Normalization.addUnitNorm(sink, P + "norm_recon" + k, recon, t.channels());
        } else {
            a = P + "diff_a" + k;
            b = P + "diff_b" + k;
            tl.addVertex(a, new ElementWiseVertex(ElementWiseVertex.Op.Subtract), t.name(), recon);
            tl.addVertex(b, new ElementWiseVertex(ElementWiseVertex.Op.Subtract), t.name(), recon);
        }
        tl.addVertex(P + "product" + k, new ElementWiseVertex(ElementWiseVertex.Op.Product), a, b);
        String err = P + "error" + k;
        tl.addLayer(err, new ConvolutionLayer.Builder(1, 1).nIn(t.channels()).nOut(1).activation(Activation.IDENTITY)
                .weightInit(WeightInit.ZERO).build(), P + "product" + k);
        return err;
    }

    /**
     * R·E·Cᵀ for an [N,1,h,w] input, output [N,size*size,1,1]; with a baseline, output pixel p is
     * times its inverse spread and, where {@code withMean}, minus its mean times that.
     */
    private static Block addBlock(TransferLearning.GraphBuilder tl, String name, String input, int h, int w, int size,
                                  double[][] rows, double[][] cols, BaselineMap baseline, boolean withMean) {
        tl.addLayer(name + "_rows", new ConvolutionLayer.Builder(h, 1).nIn(1).nOut(size).hasBias(false)
                .convolutionMode(ConvolutionMode.Truncate).activation(Activation.IDENTITY).weightInit(WeightInit.ZERO).build(), input);
        tl.addLayer(name + "_cols", new DepthwiseConvolution2D.Builder(1, w).nIn(size).depthMultiplier(size)
                .convolutionMode(ConvolutionMode.Truncate).activation(Activation.IDENTITY).weightInit(WeightInit.ZERO).build(), name + "_rows");
        return new Block(name, h, w, size, rows, cols, baseline, withMean);
    }

    private static void reshapeToMap(TransferLearning.GraphBuilder tl, String input, int size, String name) {
        tl.addVertex(name + "_flat", new PreprocessorVertex(new CnnToFeedForwardPreProcessor(1, 1, (long) size * size)), input);
        tl.addVertex(name, new PreprocessorVertex(new FeedForwardToCnnPreProcessor(size, size, 1)), name + "_flat");
    }

    private record Block(String name, int h, int w, int size, double[][] rows, double[][] cols, BaselineMap baseline,
                         boolean withMean) {
        String output() {
            return name + "_cols";
        }

        void setWeights(ComputationGraph g) {
            INDArray r = g.getLayer(name + "_rows").getParam("W"); // [size, 1, h, 1]
            for (int i = 0; i < size; i++) {
                for (int y = 0; y < h; y++) {
                    r.putScalar(new long[]{i, 0, y, 0}, rows[i][y]);
                }
            }
            INDArray c = g.getLayer(name + "_cols").getParam("W"); // [1, w, size (rows y), size (multiplier x)]
            float[] spread = baseline == null ? null : baseline.inverseSpread();
            float[] cw = new float[w * size * size];
            for (int x = 0; x < w; x++) {
                for (int y = 0; y < size; y++) {
                    for (int j = 0; j < size; j++) {
                        // output channel y*size+j is map pixel (y, j)
                        cw[(x * size + y) * size + j] = (float) cols[j][x] * (spread == null ? 1 : spread[y * size + j]);
                    }
                }
            }
            c.assign(Nd4j.create(cw, c.shape(), 'c'));
            float[] bias = new float[size * size];
            if (baseline != null && withMean) {
                for (int p = 0; p < bias.length; p++) {
                    bias[p] = -baseline.mean()[p] * (spread == null ? 1 : spread[p]);
                }
            }
            INDArray b = g.getLayer(name + "_cols").getParam("b");
            b.assign(Nd4j.create(bias, b.shape(), 'c').castTo(b.dataType()));
        }
    }

    private static Set<String> ancestors(ComputationGraphConfiguration conf, List<String> from) {
        Set<String> seen = new HashSet<>(conf.getNetworkInputs());
        Deque<String> todo = new ArrayDeque<>(from);
        while (!todo.isEmpty()) {
            String v = todo.pop();
            if (seen.add(v) && conf.getVertexInputs().get(v) != null) {
                todo.addAll(conf.getVertexInputs().get(v));
            }
        }
        return seen;
    }
}
