package org.anomaly4j.model.encoder;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;

import java.util.List;

/** A small random-init CNN with three taps (strides 2, 4, 8), for fast tests. Never pretrained. */
public final class TinyEncoder {
    public static final List<String> TAPS = List.of("block1", "block2", "block3");
    public static final String INPUT = "input";

    private TinyEncoder() {
    }

    public static Encoder build(int size, long seed) {
        var gb = new NeuralNetConfiguration.Builder().seed(seed).weightInit(WeightInit.RELU)
                .activation(Activation.RELU).convolutionMode(ConvolutionMode.Same)
                .graphBuilder().addInputs(INPUT).setInputTypes(InputType.convolutional(size, size, 3));
        String prev = INPUT;
        int[] channels = {8, 16, 32};
        for (int i = 0; i < 3; i++) {
            String conv = "conv" + (i + 1);
            gb.addLayer(conv, new ConvolutionLayer.Builder(3, 3).nOut(channels[i]).build(), prev);
            gb.addLayer(TAPS.get(i), new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                    .kernelSize(2, 2).stride(2, 2).build(), conv);
            prev = TAPS.get(i);
        }
        gb.setOutputs(prev);
        ComputationGraph g = new ComputationGraph(gb.build());
        g.init();
        return new Encoder("tiny", g, INPUT, TAPS, Preprocessing.CENTRED_RGB, "random init (test encoder)", false);
    }
}
