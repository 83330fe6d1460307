package org.anomaly4j.model;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.impl.ActivationIdentity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The same graph with every separate activation layer that directly follows a linear convolution
 * folded into that convolution (SqueezeNet's zoo graph has a ReLU vertex after each of its 26
 * convolutions). DL4J's activation layer copies its whole input before applying the function; folded,
 * the convolution applies it in place. Used for the frozen encoder's forward pass only.
 */
public final class FoldedActivations {
    private FoldedActivations() {
    }

    /** {@code graph} itself when nothing can be folded, else a new graph with the same parameters. */
    public static ComputationGraph fold(ComputationGraph graph) {
        ComputationGraphConfiguration conf = graph.getConfiguration().clone();
        Map<String, GraphVertex> vertices = conf.getVertices();
        Map<String, List<String>> inputs = conf.getVertexInputs();
        int folded = 0;
        for (String name : new ArrayList<>(vertices.keySet())) {
            String conv = foldableInto(conf, name);
            if (conv == null) {
                continue;
            }
            ActivationLayer act = (ActivationLayer) layer(vertices.get(name));
            ((ConvolutionLayer) layer(vertices.get(conv))).setActivationFn(act.getActivationFn());
            vertices.remove(name);
            inputs.remove(name);
            inputs.replaceAll((v, in) -> in.stream().map(i -> i.equals(name) ? conv : i).toList());
            folded++;
        }
        if (folded == 0) {
            return graph;
        }
        ComputationGraph out = new ComputationGraph(conf);
        out.init();
        HfrModelBuilder.copyParams(graph, out);
        return out;
    }

    /**
     * The convolution an activation vertex can be folded into: its only input, linear, read by nothing
     * else and not a graph output (nor is the activation, whose name must stay). Null otherwise.
     */
    private static String foldableInto(ComputationGraphConfiguration conf, String name) {
        if (!(conf.getVertices().get(name) instanceof LayerVertex lv) || lv.getPreProcessor() != null
                || !(layer(lv) instanceof ActivationLayer) || conf.getNetworkOutputs().contains(name)) {
            return null;
        }
        List<String> in = conf.getVertexInputs().get(name);
        if (in == null || in.size() != 1 || !(conf.getVertices().get(in.get(0)) instanceof LayerVertex cv)
                || !(layer(cv) instanceof ConvolutionLayer c) || !(c.getActivationFn() instanceof ActivationIdentity)
                || conf.getNetworkOutputs().contains(in.get(0))) {
            return null;
        }
        long readers = conf.getVertexInputs().values().stream().filter(l -> l.contains(in.get(0))).count();
        return readers == 1 ? in.get(0) : null;
    }

    private static Layer layer(GraphVertex v) {
        Layer l = ((LayerVertex) v).getLayerConf().getLayer();
        while (true) {
            if (l instanceof FrozenLayer f) {
                l = f.getLayer();
            } else if (l instanceof FrozenLayerWithBackprop f) {
                l = f.getUnderlying();
            } else {
                return l;
            }
        }
    }
}
