package org.anomaly4j.scoring;

/**
 * Separable Gaussian blur, kernel truncated at 4 sigma, reflected borders (scipy.ndimage's
 * {@code gaussian_filter} defaults, as used by the reference implementations).
 */
public final class GaussianSmoother {
    private final double sigma;
    private final float[] kernel;

    public GaussianSmoother(double sigma) {
        this.sigma = sigma;
        int radius = (int) (4.0 * sigma + 0.5);
        kernel = new float[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            double v = Math.exp(-0.5 * i * i / (sigma * sigma));
            kernel[i + radius] = (float) v;
            sum += v;
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= (float) sum;
        }
    }

    public float[] smooth(float[] map, int h, int w) {
        if (sigma <= 0) {
            return map.clone();
        }
        int r = kernel.length / 2;
        float[] tmp = new float[map.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double acc = 0;
                for (int i = -r; i <= r; i++) {
                    acc += kernel[i + r] * map[y * w + reflect(x + i, w)];
                }
                tmp[y * w + x] = (float) acc;
            }
        }
        float[] out = new float[map.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double acc = 0;
                for (int i = -r; i <= r; i++) {
                    acc += kernel[i + r] * tmp[reflect(y + i, h) * w + x];
                }
                out[y * w + x] = (float) acc;
            }
        }
        return out;
    }

    /** scipy 'reflect': (d c b a | a b c d | d c b a). */
    static int reflect(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * n;
        int m = Math.floorMod(i, period);
        return m < n ? m : period - 1 - m;
    }
}
