package org.anomaly4j.model.encoder;

import org.anomaly4j.RealData;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the Keras SqueezeNet import numerically: DL4J's activations equal a direct computation
 * from the raw HDF5 arrays (Keras HWIO kernels, valid/same padding, ReLU) at chosen pixels,
 * including border pixels where padding matters.
 */
@Tag("real-data")
class SqueezeNetImportTest {

    @Test
    void conv1AndFire2MatchADirectComputationFromTheH5Arrays() throws Exception {
        Path h5 = RealData.weights(SqueezeNetEncoder.KERAS_H5);
        int size = 64;
        Encoder enc = SqueezeNetEncoder.build(size, 1, new WeightResolver(h5.toString(), "zoo-weights"), false);
        ComputationGraph g = enc.graph();
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, 3, size, size).muli(200).subi(100);
        Map<String, INDArray> acts = g.feedForward(x, false);

        try (Hdf5ArchiveCloser a = new Hdf5ArchiveCloser(new Hdf5Archive(h5.toString()))) {
            INDArray k1 = a.read("conv1", "uniform1");
            INDArray b1 = a.read("conv1", "conv1_b");
            INDArray conv1 = acts.get("conv1_act");
            // conv1: 3x3, stride 2, valid; then ReLU
            for (int[] p : new int[][]{{0, 0, 0}, {5, 10, 7}, {63, 30, 30}, {17, 0, 30}}) {
                int o = p[0], y = p[1], xx = p[2];
                double acc = b1.getDouble(o) + HandConvolution.at(k1, x, o, y, xx, 2, 0);
                assertThat(conv1.getDouble(0, o, y, xx)).isCloseTo(Math.max(0, acc), org.assertj.core.data.Offset.offset(1e-3 * (1 + Math.abs(acc))));
            }
            // fire2/expand3x3: 3x3, stride 1, same padding, on the squeeze output; check a corner (padding) and the centre
            INDArray sq = acts.get("fire2_relu_sq1x1");
            INDArray k3 = a.read("fire2/expand3x3", "uniform4");
            INDArray b3 = a.read("fire2/expand3x3", "fire2/expand3x3_b");
            INDArray e3 = acts.get("fire2_relu_exp3x3");
            long h = sq.size(2), w = sq.size(3);
            for (int[] p : new int[][]{{0, 0, 0}, {9, (int) h / 2, (int) w / 2}, {63, (int) h - 1, (int) w - 1}}) {
                int o = p[0], y = p[1], xx = p[2];
                double acc = b3.getDouble(o) + HandConvolution.at(k3, sq, o, y, xx, 1, 1);
                assertThat(e3.getDouble(0, o, y, xx)).isCloseTo(Math.max(0, acc), org.assertj.core.data.Offset.offset(1e-3 * (1 + Math.abs(acc))));
            }
            // fire2 concatenates expand1x1 then expand3x3 (Keras order)
            assertThat(acts.get("fire2").size(1)).isEqualTo(128);
            assertThat(acts.get("fire2").getDouble(0, 64 + 9, h / 2, w / 2)).isEqualTo(e3.getDouble(0, 9, h / 2, w / 2));
        }
    }

    @Test
    void preprocessingIsCaffeBgrPinned() {
        Preprocessing p = Preprocessing.CAFFE_BGR;
        assertThat(p.bgr()).isTrue();
        assertThat(p.scale()).isEqualTo(255.0);
        assertThat(p.mean()).containsExactly(103.939, 116.779, 123.68);
        INDArray rgb = Nd4j.create(new float[]{1f, 0.5f, 0f}, new long[]{1, 3, 1, 1});
        INDArray out = p.apply(rgb);
        // B channel first: 0*255 - 103.939; G: 127.5 - 116.779; R: 255 - 123.68
        assertThat(out.getDouble(0, 0, 0, 0)).isCloseTo(-103.939, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(out.getDouble(0, 1, 0, 0)).isCloseTo(10.721, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(out.getDouble(0, 2, 0, 0)).isCloseTo(131.32, org.assertj.core.data.Offset.offset(1e-3));
    }

    /** Hdf5Archive is not AutoCloseable. */
    private record Hdf5ArchiveCloser(Hdf5Archive archive) implements AutoCloseable {
        INDArray read(String group, String dataset) throws Exception {
            return archive.readDataSet(dataset, group.split("/"));
        }

        public void close() {
            archive.close();
        }
    }
}
