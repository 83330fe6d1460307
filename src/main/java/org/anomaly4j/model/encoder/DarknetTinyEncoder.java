package org.anomaly4j.model.encoder;

import org.anomaly4j.AnomalyException;
import org.anomaly4j.model.ChannelsLast;
import org.anomaly4j.model.InferencePath;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.modelimport.keras.KerasModelImport;

import java.nio.file.Path;
import java.util.List;

/**
 * Darknet Tiny, an ImageNet-1k classifier of about 1 M parameters (convolutions with batch norm and
 * leaky ReLU), imported with its architecture from a full Keras model file by DL4J's Keras import.
 * There is no random-init form: the architecture comes from the file. Keras models arrive
 * channels-last; the layers are switched to NCHW so that it takes the input every encoder takes.
 */
public final class DarknetTinyEncoder {
    /** The leaky ReLUs closing the blocks at stride 4 (128 ch), 8 (256 ch) and 16 (512 ch). */
    public static final List<String> TAPS = List.of("leaky_re_lu_6", "leaky_re_lu_10", "leaky_re_lu_14");
    public static final String KERAS_H5 = "darknet_tiny_keras.h5";

    private DarknetTinyEncoder() {
    }

    public static Encoder build(WeightResolver resolver) {
        Path file = resolver.find(KERAS_H5).orElseThrow(() -> new AnomalyException("Darknet Tiny needs the Keras model file "
                + KERAS_H5 + " in " + resolver.dir() + "/ or model.weights (it holds the architecture as well as the weights;"
                + " see zoo-weights/README.md)"));
        ComputationGraph imported;
        try {
            imported = KerasModelImport.importKerasModelAndWeights(file.toString(), false);
        } catch (Exception e) {
            throw new AnomalyException("cannot import " + file + " as a Keras model (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "): the file is corrupt or not the Darknet Tiny model (see zoo-weights/README.md)", e);
        }
        for (String tap : TAPS) {
            if (imported.getConfiguration().getVertices().get(tap) == null) {
                throw new AnomalyException(file + " has no layer '" + tap + "': not the Darknet Tiny model (see zoo-weights/README.md)");
            }
        }
        // Cut the classifier head (global pooling has no NCHW switch) before switching the layers.
        ComputationGraph body = InferencePath.encoderPart(imported, TAPS);
        ComputationGraph nchw = ChannelsLast.convert(body, CNN2DFormat.NCHW).orElseThrow(() -> new AnomalyException(
                file + ": a layer of this Keras model cannot be switched to NCHW, so it cannot be used as an encoder"));
        return new Encoder("darknet-tiny", nchw, nchw.getConfiguration().getNetworkInputs().get(0), TAPS,
                Preprocessing.RGB_01, file.toString(), true);
    }
}
