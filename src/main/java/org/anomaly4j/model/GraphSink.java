package org.anomaly4j.model;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.transferlearning.TransferLearning;

/**
 * Where decoder and loss vertices are added: the full graph (a {@link TransferLearning.GraphBuilder}
 * over the frozen encoder) or the decoder-only graph trained on cached taps. Both get the same
 * vertices with the same names, so parameters move between them by name.
 */
public interface GraphSink {
    void layer(String name, Layer layer, String... inputs);

    void vertex(String name, GraphVertex vertex, String... inputs);

    static GraphSink of(ComputationGraphConfiguration.GraphBuilder gb) {
        return new GraphSink() {
            public void layer(String name, Layer layer, String... inputs) {
                gb.addLayer(name, layer, inputs);
            }

            public void vertex(String name, GraphVertex vertex, String... inputs) {
                gb.addVertex(name, vertex, inputs);
            }
        };
    }

    static GraphSink of(TransferLearning.GraphBuilder tl) {
        return new GraphSink() {
            public void layer(String name, Layer layer, String... inputs) {
                tl.addLayer(name, layer, inputs);
            }

            public void vertex(String name, GraphVertex vertex, String... inputs) {
                tl.addVertex(name, vertex, inputs);
            }
        };
    }
}
