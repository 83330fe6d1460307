package org.anomaly4j.model.encoder;

import org.deeplearning4j.nn.graph.ComputationGraph;

import java.util.List;

/**
 * A ready encoder: its graph (weights loaded, not yet frozen), the vertices whose outputs are the
 * feature taps (shallow to deep), its input normalisation and where its weights came from.
 */
public record Encoder(String kind, ComputationGraph graph, String inputName, List<String> taps,
                      Preprocessing preprocessing, String weightsSource, boolean pretrained) {
}
