package org.anomaly4j.scoring;

/**
 * The 1-D linear maps behind the scorer's upsampling and smoothing, as matrices ({@code out x in},
 * row-major). Both operations are separable, so a 2-D map M becomes {@code R · M · Cᵀ}; the exported
 * graph evaluates that with fixed-weight convolutions. Built by applying the scorer's own code to unit
 * vectors, so the matrices cannot drift from what {@link BilinearUpsampler} and {@link GaussianSmoother} do.
 */
public final class LinearResize {
    private LinearResize() {
    }

    /** Bilinear resize of a length-{@code in} signal to length {@code out}. */
    public static double[][] bilinear(int in, int out) {
        double[][] m = new double[out][in];
        for (int j = 0; j < in; j++) {
            float[] unit = new float[in];
            unit[j] = 1f;
            float[] col = BilinearUpsampler.resize(unit, in, 1, out, 1);
            for (int i = 0; i < out; i++) {
                m[i][j] = col[i];
            }
        }
        return m;
    }

    /** Gaussian smoothing (reflected borders) of a length-{@code n} signal; the identity for sigma &lt;= 0. */
    public static double[][] gaussian(int n, double sigma) {
        GaussianSmoother smoother = new GaussianSmoother(sigma);
        double[][] m = new double[n][n];
        for (int j = 0; j < n; j++) {
            float[] unit = new float[n];
            unit[j] = 1f;
            float[] col = smoother.smooth(unit, n, 1);
            for (int i = 0; i < n; i++) {
                m[i][j] = col[i];
            }
        }
        return m;
    }

    public static double[][] multiply(double[][] a, double[][] b) {
        double[][] c = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < b.length; k++) {
                double v = a[i][k];
                if (v != 0) {
                    for (int j = 0; j < b[0].length; j++) {
                        c[i][j] += v * b[k][j];
                    }
                }
            }
        }
        return c;
    }
}
