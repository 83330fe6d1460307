package org.anomaly4j.model;

import org.anomaly4j.model.encoder.Preprocessing;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.util.List;

/**
 * The one ComputationGraph of the method (frozen encoder, decoder, K loss branches) and what is
 * needed to use it: input name and size, taps with their reconstructions, preprocessing, and the bits its
 * images' samples fill ({@code data.sampleBits}, {@link org.anomaly4j.data.SampleDepth}; 0 = as stored).
 */
public record HfrModel(ComputationGraph graph, String inputName, int imageSize, List<TapShape> taps,
                       List<String> reconstructions, List<String> lossOutputs, Preprocessing preprocessing,
                       String encoderKind, String weightsSource, boolean pretrainedEncoder, int sampleBits) {

    /** This model fed with images whose samples fill {@code bits} bits (the training config's data.sampleBits). */
    public HfrModel withSampleBits(int bits) {
        return new HfrModel(graph, inputName, imageSize, taps, reconstructions, lossOutputs, preprocessing, encoderKind,
                weightsSource, pretrainedEncoder, bits);
    }

    public List<String> tapNames() {
        return taps.stream().map(TapShape::name).toList();
    }
}
