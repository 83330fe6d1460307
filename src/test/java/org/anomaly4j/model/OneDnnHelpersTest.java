package org.anomaly4j.model;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.lang.reflect.Field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The oneDNN helpers are really used with the project's native build (the shim works), and they
 * give the same forward outputs and gradients as DL4J's built-in path.
 */
class OneDnnHelpersTest {

    @Test
    void theNativeBuildHasOneDnnAndDl4jAcceptsIt() {
        OneDnnHelpers.enable();
        assertTrue(BaseMKLDNNHelper.mklDnnEnabled(),
                "DL4J does not see oneDNN: check the -onednn classifier in the pom and org.nd4j.nativeblas.Nd4jCpu");
        assertTrue(OneDnnHelpers.active());
        assertEquals("on", OneDnnHelpers.describe());
    }

    @Test
    void helperPathMatchesBuiltInPathForwardAndBackward() throws Exception {
        OneDnnHelpers.enable();
        MultiLayerNetwork withHelpers = net();
        assertNotNull(convHelper(withHelpers), "the convolution layer got no oneDNN helper");
        MultiLayerNetwork builtIn;
        String before = System.getProperty(OneDnnHelpers.PROPERTY);
        System.setProperty(OneDnnHelpers.PROPERTY, "true");
        try {
            builtIn = net();
        } finally {
            System.setProperty(OneDnnHelpers.PROPERTY, before);
        }
        assertNull(convHelper(builtIn));
        builtIn.setParams(withHelpers.params().dup());

        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 8, 20, 20);
        INDArray y = Nd4j.rand(DataType.FLOAT, 4, 3);
        INDArray a = withHelpers.output(x);
        INDArray b = builtIn.output(x);
        assertEquals(0, a.sub(b).amax().getDouble(0), 1e-4, "forward differs");

        withHelpers.setInput(x);
        withHelpers.setLabels(y);
        builtIn.setInput(x);
        builtIn.setLabels(y);
        withHelpers.computeGradientAndScore();
        builtIn.computeGradientAndScore();
        INDArray ga = withHelpers.gradient().gradient();
        INDArray gb = builtIn.gradient().gradient();
        double scale = gb.amax().getDouble(0);
        assertFalse(scale == 0);
        assertEquals(0, ga.sub(gb).amax().getDouble(0) / scale, 1e-3, "gradients differ");
    }

    private static MultiLayerNetwork net() {
        MultiLayerNetwork n = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).updater(new Sgd(0.1))
                .dataType(DataType.FLOAT).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(16).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.RELU).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(3, 3).stride(2, 2).nOut(8).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(3).activation(Activation.IDENTITY).build())
                .setInputType(InputType.convolutional(20, 20, 8)).build());
        n.init();
        return n;
    }

    private static Object convHelper(MultiLayerNetwork n) throws Exception {
        Object layer = n.getLayer(0);
        Field f = org.deeplearning4j.nn.layers.convolution.ConvolutionLayer.class.getDeclaredField("helper");
        f.setAccessible(true);
        Object h = f.get(layer);
        return h instanceof MKLDNNConvHelper ? h : null;
    }
}
