package org.anomaly4j.model.encoder;

import org.anomaly4j.AnomalyException;
import org.anomaly4j.RealData;
import org.assertj.core.data.Offset;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;
import org.deeplearning4j.nn.modelimport.keras.KerasModelImport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Keras import of Darknet Tiny, switched to NCHW, gives the channels-last import's taps. */
class DarknetTinyEncoderTest {

    @Test
    @Tag("real-data")
    void nchwEncoderGivesTheImportedModelsTaps() throws Exception {
        Path h5 = RealData.weights(DarknetTinyEncoder.KERAS_H5);
        Encoder encoder = DarknetTinyEncoder.build(new WeightResolver(h5.toString(), "zoo-weights"));
        ComputationGraph imported = KerasModelImport.importKerasModelAndWeights(h5.toString(), false);
        assertThat(encoder.preprocessing()).isEqualTo(Preprocessing.RGB_01);

        Nd4j.getRandom().setSeed(3);
        INDArray nchw = Nd4j.rand(2, 3, 64, 64);
        INDArray nhwc = nchw.permute(0, 2, 3, 1).dup('c');
        var ours = encoder.graph().feedForward(nchw, false);
        var theirs = imported.feedForward(nhwc, false);
        long[] strides = {4, 8, 16};
        for (int k = 0; k < DarknetTinyEncoder.TAPS.size(); k++) {
            String tap = DarknetTinyEncoder.TAPS.get(k);
            INDArray a = ours.get(tap);
            INDArray b = theirs.get(tap).permute(0, 3, 1, 2);
            assertThat(a.shape()).as(tap).containsExactly(2, b.size(1), 64 / strides[k], 64 / strides[k]);
            double scale = b.amaxNumber().doubleValue();
            assertThat(scale).as(tap).isPositive();
            assertThat(a.sub(b).amaxNumber().doubleValue() / scale).as(tap).isLessThan(1e-4);
        }
    }

    /** conv2d_1 (3x3, same padding, no bias) → batch norm (eps 1e-3) → leaky ReLU (0.1), by hand from the .h5 arrays. */
    @Test
    @Tag("real-data")
    void firstBlockMatchesADirectComputationFromTheH5Arrays() throws Exception {
        Path h5 = RealData.weights(DarknetTinyEncoder.KERAS_H5);
        Encoder encoder = DarknetTinyEncoder.build(new WeightResolver(h5.toString(), "zoo-weights"));
        Nd4j.getRandom().setSeed(5);
        int size = 32;
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, 3, size, size);
        INDArray act = encoder.graph().feedForward(x, false).get("leaky_re_lu_1");
        Hdf5Archive a = new Hdf5Archive(h5.toString());
        try {
            INDArray k = a.readDataSet("kernel:0", "model_weights", "conv2d_1", "conv2d_1"); // [kh, kw, in, out]
            String bn = "batch_normalization_1";
            INDArray gamma = a.readDataSet("gamma:0", "model_weights", bn, bn);
            INDArray beta = a.readDataSet("beta:0", "model_weights", bn, bn);
            INDArray mean = a.readDataSet("moving_mean:0", "model_weights", bn, bn);
            INDArray var = a.readDataSet("moving_variance:0", "model_weights", bn, bn);
            for (int[] p : new int[][]{{0, 0, 0}, {7, 16, 16}, {15, 31, 31}, {3, 0, 20}}) {
                int o = p[0], y = p[1], xx = p[2];
                double acc = HandConvolution.at(k, x, o, y, xx, 1, 1);
                double norm = (acc - mean.getDouble(o)) / Math.sqrt(var.getDouble(o) + 1e-3) * gamma.getDouble(o) + beta.getDouble(o);
                double expected = norm > 0 ? norm : 0.1 * norm;
                assertThat(act.getDouble(0, o, y, xx)).as("channel %d at (%d, %d)", o, y, xx)
                        .isCloseTo(expected, Offset.offset(1e-3 * (1 + Math.abs(expected))));
            }
        } finally {
            a.close();
        }
    }

    @Test
    void missingFileNamesItAndWhereToPutIt(@TempDir Path dir) {
        assertThatThrownBy(() -> DarknetTinyEncoder.build(new WeightResolver("", dir.toString())))
                .isInstanceOf(AnomalyException.class)
                .hasMessageContaining(DarknetTinyEncoder.KERAS_H5).hasMessageContaining(dir.toString())
                .hasMessageContaining("zoo-weights/README.md");
    }

    @Test
    void corruptFileIsNamed(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve(DarknetTinyEncoder.KERAS_H5), "not an HDF5 file");
        assertThatThrownBy(() -> DarknetTinyEncoder.build(new WeightResolver("", dir.toString())))
                .isInstanceOf(AnomalyException.class)
                .hasMessageContaining(bad.toString()).hasMessageContaining("corrupt");
    }
}
