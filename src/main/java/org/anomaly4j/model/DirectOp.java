package org.anomaly4j.model;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.graph.FrozenVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.layers.FrozenLayer;
import org.deeplearning4j.nn.layers.FrozenLayerWithBackprop;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * One vertex of a channels-last encoder run as a single ND4J op that writes into an array the caller
 * gives ({@link DirectNhwcForward} pools them), with the same op and arguments DL4J's layer would use.
 * The kinds here are the ones that cost time in the encoders: convolution, pooling, activation,
 * channel concatenation. Anything else is left to DL4J.
 */
sealed interface DirectOp permits DirectOp.Convolution, DirectOp.Pooling, DirectOp.Activation, DirectOp.Concat {

    /**
     * Computes the vertex's output into an array from {@code outputs} (asked once, with the output
     * shape) or, for an in-place op, into {@code in[0]}; returns it.
     */
    INDArray apply(INDArray[] in, Function<long[], INDArray> outputs);

    /** Whether the op overwrites its single input instead of writing a new array. */
    default boolean inPlace() {
        return false;
    }

    /**
     * The direct form of vertex {@code v} of {@code graph}, or null when DL4J should run it.
     * {@code inputIsScratch}: its only input is an array nothing else reads, so an activation may overwrite it.
     */
    static DirectOp of(ComputationGraph graph, GraphVertex v, boolean inputIsScratch) {
        if (v.hasLayer()) {
            Layer inner = unwrap(v.getLayer());
            var conf = inner.conf().getLayer();
            if (conf instanceof SubsamplingLayer p) {
                return Pooling.of(p);
            }
            if (conf instanceof ActivationLayer a && a.getClass() == ActivationLayer.class) {
                return new Activation(a.getActivationFn(), inputIsScratch);
            }
            return Convolution.of(inner);
        }
        var conf = graph.getConfiguration().getVertices().get(v.getVertexName());
        if (conf instanceof FrozenVertex f) {
            conf = f.getUnderlying();
        }
        if (conf instanceof MergeVertex m && m.getMergeAxis() == 3
                && v.getInputVertices().length > 1) {
            return new Concat();
        }
        return null;
    }

    private static Layer unwrap(Layer l) {
        if (l instanceof FrozenLayer f) {
            return unwrap(f.getInsideLayer());
        }
        if (l instanceof FrozenLayerWithBackprop f) {
            return unwrap(f.getInsideLayer());
        }
        return l;
    }

    /** A plain 2-D convolution (+ bias) as the {@code conv2d} op, then its activation in place. */
    record Convolution(ConvolutionLayer conf, Layer layer) implements DirectOp {

        static Convolution of(Layer inner) {
            if (!(inner.conf().getLayer() instanceof ConvolutionLayer c) || c.getClass() != ConvolutionLayer.class
                    || c.getCnn2dDataFormat() != CNN2DFormat.NHWC || inner.getParam("W").dataType() != DataType.FLOAT
                    || !(c.getConvolutionMode() == ConvolutionMode.Same || c.getConvolutionMode() == ConvolutionMode.Truncate
                    || c.getConvolutionMode() == ConvolutionMode.Strict)) {
                return null;
            }
            return new Convolution(c, inner);
        }

        private int[] outputSize(INDArray x) {
            return ConvolutionUtils.getOutputSize(x, conf.getKernelSize(), conf.getStride(),
                    conf.getConvolutionMode() == ConvolutionMode.Same ? null : conf.getPadding(),
                    conf.getConvolutionMode(), conf.getDilation(), CNN2DFormat.NHWC);
        }

        private int[] padding(INDArray x, int[] outSize) {
            if (conf.getConvolutionMode() != ConvolutionMode.Same) {
                return conf.getPadding();
            }
            return ConvolutionUtils.getSameModeTopLeftPadding(outSize, new int[]{(int) x.size(1), (int) x.size(2)},
                    conf.getKernelSize(), conf.getStride(), conf.getDilation());
        }

        @Override
        public INDArray apply(INDArray[] in, Function<long[], INDArray> outputs) {
            INDArray x = in[0];
            INDArray w = layer.getParam("W"); // [oC, iC, kH, kW]: conv2d's weight format 1
            int[] hw = outputSize(x);
            INDArray out = outputs.apply(new long[]{x.size(0), hw[0], hw[1], w.size(0)});
            int[] k = conf.getKernelSize();
            int[] s = conf.getStride();
            int[] d = conf.getDilation();
            int[] pad = padding(x, hw);
            List<INDArray> inputs = new ArrayList<>(List.of(x, w));
            if (conf.hasBias()) {
                inputs.add(layer.getParam("b").reshape(w.size(0)));
            }
            try (OpContext ctx = Nd4j.getExecutioner().buildContext()) {
                ctx.setIArguments(k[0], k[1], s[0], s[1], pad[0], pad[1], d[0], d[1],
                        conf.getConvolutionMode() == ConvolutionMode.Same ? 1 : 0,
                        1,  // data format: NHWC
                        1); // weight format: [oC, iC, kH, kW]
                ctx.setInputArrays(inputs);
                ctx.setOutputArrays(out);
                Nd4j.exec(new Conv2D(), ctx);
            } catch (Exception e) {
                throw new IllegalStateException("Direct convolution failed for layer " + conf.getLayerName()
                        + ": run with -D" + DirectNhwcForward.PROPERTY + "=false to use DL4J's own layers", e);
            }
            return conf.getActivationFn().getActivation(out, false); // IActivation works in place
        }
    }

    /** Max or average pooling as DL4J's SubsamplingLayer calls it ({@code maxpool2d}/{@code avgpool2d}). */
    record Pooling(SubsamplingLayer conf) implements DirectOp {

        static Pooling of(SubsamplingLayer p) {
            boolean supported = p.getClass() == SubsamplingLayer.class && p.getCnn2dDataFormat() == CNN2DFormat.NHWC
                    && (p.getPoolingType() == PoolingType.MAX || p.getPoolingType() == PoolingType.AVG);
            return supported ? new Pooling(p) : null;
        }

        private DynamicCustomOp op(INDArray x) {
            int[] k = conf.getKernelSize();
            int[] s = conf.getStride();
            int[] d = conf.getDilation();
            int[] pad = conf.getPadding();
            boolean max = conf.getPoolingType() == PoolingType.MAX;
            int extra = !max && conf.isAvgPoolIncludePadInDivisor() ? 1 : 0;
            return DynamicCustomOp.builder(max ? "maxpool2d" : "avgpool2d").addInputs(x)
                    .addIntegerArguments(k[0], k[1], s[0], s[1], pad[0], pad[1], d[0], d[1],
                            conf.getConvolutionMode() == ConvolutionMode.Same ? 1 : 0, extra, 1) // 1: NHWC
                    .build();
        }

        @Override
        public INDArray apply(INDArray[] in, Function<long[], INDArray> outputs) {
            DynamicCustomOp op = op(in[0]);
            INDArray out = outputs.apply(op.calculateOutputShape().get(0).getShape());
            op.addOutputArgument(out);
            Nd4j.exec(op);
            return out;
        }
    }

    /** An activation layer: in place when its input is scratch, else a copy first (DL4J always copies). */
    record Activation(IActivation fn, boolean inPlace) implements DirectOp {

        @Override
        public INDArray apply(INDArray[] in, Function<long[], INDArray> outputs) {
            INDArray out = inPlace ? in[0] : outputs.apply(in[0].shape()).assign(in[0]);
            return fn.getActivation(out, false);
        }
    }

    /** Channel concatenation (a merge vertex on axis 3) into one array, without DL4J's fresh allocation. */
    record Concat() implements DirectOp {

        @Override
        public INDArray apply(INDArray[] in, Function<long[], INDArray> outputs) {
            long[] shape = in[0].shape().clone();
            shape[3] = Arrays.stream(in).mapToLong(a -> a.size(3)).sum();
            INDArray out = outputs.apply(shape);
            Nd4j.exec(DynamicCustomOp.builder("concat").addInputs(in).addOutputs(out).addIntegerArguments(3).build());
            return out;
        }
    }
}
