package org.anomaly4j.loss;

import org.anomaly4j.model.GraphSink;
import org.anomaly4j.model.TapShape;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/** The loss branches compute exactly the documented, hand-checkable quantities. */
class LossBranchesTest {

    /** A graph with inputs "tap" and "rec" and the given branches, so the loss of known arrays can be read. */
    private static ComputationGraph graph(String loss, List<Double> weights, int c, int h, int w) {
        ComputationGraphConfiguration.GraphBuilder gb = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .graphBuilder().addInputs("tap", "rec")
                .setInputTypes(InputType.convolutional(h, w, c), InputType.convolutional(h, w, c));
        List<String> outs = LossBranches.add(GraphSink.of(gb), List.of(new TapShape("tap", c, h, w)), List.of("rec"), loss, weights);
        gb.setOutputs(outs.toArray(String[]::new));
        ComputationGraph g = new ComputationGraph(gb.build());
        g.init();
        return g;
    }

    private static double score(ComputationGraph g, INDArray tap, INDArray rec, int outputs) {
        INDArray[] zeros = new INDArray[outputs];
        for (int i = 0; i < outputs; i++) {
            zeros[i] = Nd4j.zeros(DataType.DOUBLE, tap.shape());
        }
        return g.score(new MultiDataSet(new INDArray[]{tap, rec}, zeros), false);
    }

    @Test
    void mseBranchIsWeightedMeanSquaredErrorPerImage() {
        Nd4j.getRandom().setSeed(1);
        INDArray tap = Nd4j.rand(DataType.DOUBLE, 2, 3, 4, 5);
        INDArray rec = Nd4j.rand(DataType.DOUBLE, 2, 3, 4, 5);
        double expected = tap.sub(rec).muli(tap.sub(rec)).meanNumber().doubleValue();
        assertThat(score(graph("mse", List.of(), 3, 4, 5), tap, rec, 1)).isCloseTo(expected, offset(1e-9));
        assertThat(score(graph("mse", List.of(2.5), 3, 4, 5), tap, rec, 1)).isCloseTo(2.5 * expected, offset(1e-9));
    }

    @Test
    void cosineBranchIsWeightedMeanOfOneMinusCosine() {
        Nd4j.getRandom().setSeed(2);
        INDArray tap = Nd4j.rand(DataType.DOUBLE, 2, 6, 3, 3).subi(0.3);
        INDArray rec = Nd4j.rand(DataType.DOUBLE, 2, 6, 3, 3).subi(0.3);
        INDArray cos = tap.mul(rec).sum(1).divi(tap.norm2(1).muli(rec.norm2(1)));
        double expected = cos.rsub(1.0).meanNumber().doubleValue();
        assertThat(score(graph("cosine", List.of(), 6, 3, 3), tap, rec, 1)).isCloseTo(expected, offset(1e-6));
        assertThat(score(graph("cosine", List.of(0.5), 6, 3, 3), tap, rec, 1)).isCloseTo(0.5 * expected, offset(1e-6));
    }

    @Test
    void bothAddsTheTwoBranches() {
        Nd4j.getRandom().setSeed(3);
        INDArray tap = Nd4j.rand(DataType.DOUBLE, 1, 4, 2, 2);
        INDArray rec = Nd4j.rand(DataType.DOUBLE, 1, 4, 2, 2);
        double mse = score(graph("mse", List.of(), 4, 2, 2), tap, rec, 1);
        double cos = score(graph("cosine", List.of(), 4, 2, 2), tap, rec, 1);
        assertThat(score(graph("both", List.of(), 4, 2, 2), tap, rec, 2)).isCloseTo(mse + cos, offset(1e-6));
    }

    @Test
    void channelL2NormalizeIsExactPerPixelNormalisation() {
        int c = 7;
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).graphBuilder()
                .addInputs("in").setInputTypes(InputType.convolutional(3, 4, c))
                .addLayer("n", org.anomaly4j.model.ChannelL2Normalization.layer(c), "in").setOutputs("n").build());
        g.init();
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, c, 3, 4).subi(0.4);
        INDArray expected = x.div(x.norm2(1).reshape(2, 1, 3, 4).broadcast(2, c, 3, 4));
        assertThat(g.outputSingle(x).sub(expected).amaxNumber().doubleValue()).isLessThan(1e-9);
    }

    @Test
    void unitRmsTargetsHaveNormSqrtChannelsInDoubleAndFloat() {
        int c = 64;
        for (DataType type : new DataType[]{DataType.DOUBLE, DataType.FLOAT}) {
            ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().dataType(type).graphBuilder()
                    .addInputs("in").setInputTypes(InputType.convolutional(3, 4, c))
                    .addLayer("n", org.anomaly4j.model.ChannelL2Normalization.unitRms(c), "in").setOutputs("n").build());
            g.init();
            INDArray x = Nd4j.rand(type, 2, c, 3, 4).subi(0.4).muli(0.01);
            INDArray expected = x.div(x.norm2(1).reshape(2, 1, 3, 4).broadcast(2, c, 3, 4)).muli(Math.sqrt(c));
            assertThat(g.outputSingle(x).sub(expected).amaxNumber().doubleValue()).as(type.toString())
                    .isLessThan(type == DataType.DOUBLE ? 1e-6 : 1e-4); // k = 1e-12 against alpha * sum of squares ~1e-5 here
        }
    }
}
