package org.anomaly4j.model;

import org.anomaly4j.model.encoder.Preprocessing;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.util.List;

/**
 * The one ComputationGraph of the method (frozen encoder, decoder, K loss branches) and what is
 * needed to use it: input name and size, taps with their reconstructions, preprocessing.
 */
public record HfrModel(ComputationGraph graph, String inputName, int imageSize, List<TapShape> taps,
                       List<String> reconstructions, List<String> lossOutputs, Preprocessing preprocessing,
                       String encoderKind, String weightsSource, boolean pretrainedEncoder) {

    public List<String> tapNames() {
        return taps.stream().map(TapShape::name).toList();
    }
}
