package org.anomaly4j.model;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/** The linear-cost sub-graph normalises exactly like the full-window LRN layer, forwards and backwards. */
class ChannelL2NormalizationTest {
    private static final int C = 6;

    /** in -> trainable 1x1 conv "c" -> per-pixel unit norm (sub-graph or LRN layer) -> MSE against labels. */
    private static ComputationGraph graph(boolean subGraph) {
        return graph(subGraph, DataType.DOUBLE);
    }

    private static ComputationGraph graph(boolean subGraph, DataType type) {
        ComputationGraphConfiguration.GraphBuilder gb = new NeuralNetConfiguration.Builder().dataType(type)
                .seed(7).updater(new Sgd(0.1)).graphBuilder().addInputs("in").setInputTypes(InputType.convolutional(3, 4, C))
                .addLayer("c", new ConvolutionLayer.Builder(1, 1).nIn(C).nOut(C).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.IDENTITY).weightInit(WeightInit.XAVIER).build(), "in");
        String norm = "n";
        if (subGraph) {
            norm = ChannelL2Normalization.addUnitNorm(GraphSink.of(gb), "n", "c", C);
        } else {
            gb.addLayer("n", ChannelL2Normalization.layer(C), "c");
        }
        gb.addLayer("loss", new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).build(), norm)
                .setOutputs("loss");
        ComputationGraph g = new ComputationGraph(gb.build());
        g.init();
        return g;
    }

    @Test
    void subGraphIsExactPerPixelNormalisation() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, C, 3, 4).subi(0.4);
        x.putScalar(new long[]{1, 0, 2, 3}, 1e3); // a pixel with one dominant channel
        assertThat(maxErrorAgainstExact(graph(true), x)).isLessThan(1e-9);
    }

    /** float32, as models run: vectors with norms of ~1e-3 (an untrained decoder's outputs can be that small) stay exact. */
    @Test
    void smallNormsInFloatStayExact() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, C, 3, 4).subi(0.4f);
        x.get(NDArrayIndex.point(1)).muli(1e-3f);
        assertThat(maxErrorAgainstExact(graph(true, DataType.FLOAT), x)).isLessThan(1e-5);
    }

    /** Largest deviation of the graph's output from the conv output divided by its per-pixel L2 norm. */
    private static double maxErrorAgainstExact(ComputationGraph g, INDArray x) {
        INDArray conv = g.feedForward(x, false).get("c");
        INDArray expected = conv.div(conv.norm2(1).reshape(2, 1, 3, 4).broadcast(2, C, 3, 4));
        return g.outputSingle(x).sub(expected).amaxNumber().doubleValue();
    }

    @Test
    void gradientsMatchTheLrnLayerAndTheOnesStayFixed() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, C, 3, 4).subi(0.4);
        INDArray labels = Nd4j.rand(DataType.DOUBLE, 2, C, 3, 4);
        ComputationGraph sub = graph(true);
        ComputationGraph lrn = graph(false);
        lrn.getLayer("c").setParams(sub.getLayer("c").params().dup());
        MultiDataSet ds = new MultiDataSet(new INDArray[]{x}, new INDArray[]{labels});
        for (ComputationGraph g : new ComputationGraph[]{sub, lrn}) {
            g.setInputs(x);
            g.setLabels(labels);
            g.computeGradientAndScore();
        }
        assertThat(sub.score()).isCloseTo(lrn.score(), offset(1e-9));
        INDArray gs = sub.gradient().getGradientFor("c_W");
        INDArray gl = lrn.gradient().getGradientFor("c_W");
        assertThat(gl.norm2Number().doubleValue()).isGreaterThan(1e-6);
        assertThat(gs.sub(gl).amaxNumber().doubleValue()).isLessThan(1e-9 + 1e-6 * gl.amaxNumber().doubleValue());

        INDArray before = sub.getLayer("c").params().dup();
        sub.fit(ds);
        assertThat(sub.getLayer("c").params()).isNotEqualTo(before);
        for (String ones : new String[]{"n_sum", "n_bcast"}) {
            assertThat(sub.getLayer(ones).params().minNumber().doubleValue()).as(ones).isEqualTo(1.0);
            assertThat(sub.getLayer(ones).params().maxNumber().doubleValue()).as(ones).isEqualTo(1.0);
        }
    }
}
