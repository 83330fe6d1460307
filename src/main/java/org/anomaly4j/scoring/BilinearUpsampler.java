package org.anomaly4j.scoring;

/**
 * Bilinear resize with half-pixel centres (align_corners = false, as PyTorch's default and OpenCV),
 * so a feature cell maps onto the image pixels it covers.
 */
public final class BilinearUpsampler {
    private BilinearUpsampler() {
    }

    public static float[] resize(float[] src, int h, int w, int outH, int outW) {
        float[] out = new float[outH * outW];
        double sy = (double) h / outH;
        double sx = (double) w / outW;
        for (int y = 0; y < outH; y++) {
            double fy = Math.max(0, (y + 0.5) * sy - 0.5);
            int y0 = Math.min((int) fy, h - 1);
            int y1 = Math.min(y0 + 1, h - 1);
            double dy = fy - y0;
            for (int x = 0; x < outW; x++) {
                double fx = Math.max(0, (x + 0.5) * sx - 0.5);
                int x0 = Math.min((int) fx, w - 1);
                int x1 = Math.min(x0 + 1, w - 1);
                double dx = fx - x0;
                double top = src[y0 * w + x0] * (1 - dx) + src[y0 * w + x1] * dx;
                double bottom = src[y1 * w + x0] * (1 - dx) + src[y1 * w + x1] * dx;
                out[y * outW + x] = (float) (top * (1 - dy) + bottom * dy);
            }
        }
        return out;
    }
}
