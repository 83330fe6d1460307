package org.anomaly4j.model.encoder;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * The encoder's own input normalisation, applied to RGB images in [0, 1] (NCHW):
 * optional RGB to BGR swap, scaling, then per-channel {@code (x - mean) / std} in the model's channel order.
 *
 * @param bgr   whether the model expects BGR channel order
 * @param scale factor applied to [0, 1] pixels first (255 for Caffe-style models)
 * @param mean  per-channel mean, in the model's channel order
 * @param std   per-channel standard deviation, in the model's channel order
 */
public record Preprocessing(String name, boolean bgr, double scale, double[] mean, double[] std) {

    /** Caffe/Keras "caffe" mode: BGR, 0..255, ImageNet BGR means, no scaling by std. */
    public static final Preprocessing CAFFE_BGR = new Preprocessing("caffe-bgr", true, 255.0,
            new double[]{103.939, 116.779, 123.68}, new double[]{1, 1, 1});

    /** Plain RGB in [0, 1], as Keras models trained on such input expect (Darknet Tiny). */
    public static final Preprocessing RGB_01 = new Preprocessing("rgb-01", false, 1.0,
            new double[]{0, 0, 0}, new double[]{1, 1, 1});

    /** Centred [0,1] RGB, for randomly initialised encoders. */
    public static final Preprocessing CENTRED_RGB = new Preprocessing("centred-rgb", false, 1.0,
            new double[]{0.5, 0.5, 0.5}, new double[]{0.25, 0.25, 0.25});

    /** Returns a new array; the input is not modified. */
    public INDArray apply(INDArray rgb01) {
        INDArray out = rgb01.dup();
        if (bgr) {
            out.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(0))
                    .assign(rgb01.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(2)));
            out.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(2))
                    .assign(rgb01.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(0)));
        }
        out.muli(scale);
        for (int c = 0; c < 3; c++) {
            INDArray ch = out.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(c));
            ch.subi(mean[c]).divi(std[c]);
        }
        return out;
    }

    @Override
    public String toString() {
        return name + "(bgr=" + bgr + ", scale=" + scale + ", mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + ")";
    }
}
