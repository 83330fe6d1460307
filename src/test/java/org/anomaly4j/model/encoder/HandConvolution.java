package org.anomaly4j.model.encoder;

import org.nd4j.linalg.api.ndarray.INDArray;

/** One output value of a 2-D convolution, computed by hand: the reference the import tests check DL4J against. */
final class HandConvolution {
    private HandConvolution() {
    }

    /**
     * Output channel {@code o} at ({@code y}, {@code x}) of a convolution without bias.
     *
     * @param kernel Keras layout [kh, kw, in, out], as stored in the .h5 file
     * @param input  [1, in, h, w]
     * @param pad    zero padding on each side (0 = Keras "valid", (k - 1) / 2 = "same" at stride 1)
     */
    static double at(INDArray kernel, INDArray input, int o, int y, int x, int stride, int pad) {
        long h = input.size(2);
        long w = input.size(3);
        double acc = 0;
        for (int i = 0; i < kernel.size(2); i++) {
            for (int ky = 0; ky < kernel.size(0); ky++) {
                for (int kx = 0; kx < kernel.size(1); kx++) {
                    int yy = y * stride + ky - pad;
                    int xx = x * stride + kx - pad;
                    if (yy >= 0 && yy < h && xx >= 0 && xx < w) {
                        acc += kernel.getDouble(ky, kx, i, o) * input.getDouble(0, i, yy, xx);
                    }
                }
            }
        }
        return acc;
    }
}
