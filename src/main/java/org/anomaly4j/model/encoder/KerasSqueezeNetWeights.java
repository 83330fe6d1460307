package org.anomaly4j.model.encoder;

import org.anomaly4j.AnomalyException;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Copies the Keras SqueezeNet v1.1 {@code _notop.h5} weights (Keras 1 names {@code conv1},
 * {@code fireN/squeeze1x1}, {@code fireN/expand1x1}, {@code fireN/expand3x3}; kernels HWIO) into the
 * DL4J zoo SqueezeNet graph (names {@code conv1}, {@code fireN_sq1x1}, {@code fireN_exp1x1},
 * {@code fireN_exp3x3}; kernels OIHW).
 */
public final class KerasSqueezeNetWeights {
    private KerasSqueezeNetWeights() {
    }

    public static void load(ComputationGraph graph, Path h5) {
        Hdf5Archive archive;
        try {
            archive = new Hdf5Archive(h5.toString());
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new AnomalyException("cannot open weights file " + h5 + " as HDF5: " + e.getMessage()
                    + " (the file is corrupt or not a Keras .h5; download it again, see zoo-weights/README.md)", e);
        }
        try {
            for (Layer layer : graph.getLayers()) {
                String name = layer.conf().getLayer().getLayerName();
                if (layer.numParams() == 0) {
                    continue;
                }
                String[] group = kerasGroup(name);
                INDArray[] kb = kernelAndBias(archive, h5, group);
                INDArray w = layer.getParam("W");
                INDArray kernel = kb[0].permute(3, 2, 0, 1); // HWIO -> OIHW
                if (!Arrays.equals(kernel.shape(), w.shape())) {
                    throw new AnomalyException("weights file " + h5 + ": layer " + String.join("/", group) + " has kernel "
                            + Arrays.toString(kb[0].shape()) + " (HWIO), the graph expects " + Arrays.toString(w.shape())
                            + " (OIHW): these are weights for another model");
                }
                w.assign(kernel);
                layer.getParam("b").assign(kb[1].reshape(layer.getParam("b").shape()));
            }
        } finally {
            archive.close();
        }
    }

    static String[] kerasGroup(String dl4jName) {
        if (dl4jName.equals("conv1")) {
            return new String[]{"conv1"};
        }
        String[] parts = dl4jName.split("_", 2); // fire2_sq1x1 -> fire2 / squeeze1x1
        String sub = switch (parts[1]) {
            case "sq1x1" -> "squeeze1x1";
            case "exp1x1" -> "expand1x1";
            case "exp3x3" -> "expand3x3";
            default -> throw new IllegalArgumentException("unexpected SqueezeNet layer " + dl4jName);
        };
        return new String[]{parts[0], sub};
    }

    /** The 4-D dataset of a layer's group is its kernel, the 1-D one its bias (names vary by Keras version). */
    private static INDArray[] kernelAndBias(Hdf5Archive archive, Path h5, String[] group) {
        INDArray kernel = null;
        INDArray bias = null;
        List<String[]> stack = new ArrayList<>();
        stack.add(group);
        while (!stack.isEmpty()) {
            String[] g = stack.remove(stack.size() - 1);
            List<String> datasets;
            try {
                datasets = archive.getDataSets(g);
            } catch (RuntimeException e) {
                throw new AnomalyException("weights file " + h5 + " has no layer '" + String.join("/", group)
                        + "': not the Keras SqueezeNet v1.1 weights (weights for another encoder?)", e);
            }
            for (String d : datasets) {
                INDArray a;
                try {
                    a = archive.readDataSet(d, g);
                } catch (Exception e) {
                    throw new AnomalyException("weights file " + h5 + ": cannot read dataset " + String.join("/", g) + "/" + d
                            + " (" + e.getMessage() + "): corrupt file, download it again", e);
                }
                if (a.rank() == 4) {
                    kernel = a;
                } else if (a.rank() == 1) {
                    bias = a;
                }
            }
            for (String sub : archive.getGroups(g)) {
                String[] next = Arrays.copyOf(g, g.length + 1);
                next[g.length] = sub;
                stack.add(next);
            }
        }
        if (kernel == null || bias == null) {
            throw new AnomalyException("weights file " + h5 + ": layer '" + String.join("/", group)
                    + "' lacks a kernel or a bias: not the Keras SqueezeNet v1.1 weights");
        }
        return new INDArray[]{kernel, bias};
    }
}
