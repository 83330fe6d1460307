package org.anomaly4j.report;

import java.awt.image.BufferedImage;

/**
 * Paints an anomaly map over its image: a jet colour map blended 50/50 with the (resized) image,
 * the map scaled to [lo, hi], and the ground-truth mask's outline in white when there is a mask.
 */
public final class HeatmapOverlay {
    private HeatmapOverlay() {
    }

    /** rgb: CHW in [0,1]; map and mask: size*size (mask may be null). */
    public static BufferedImage render(float[] rgb, float[] map, float[] mask, int size, float lo, float hi) {
        BufferedImage out = new BufferedImage(size * 2, size, BufferedImage.TYPE_INT_RGB);
        int plane = size * size;
        float range = Math.max(1e-12f, hi - lo);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int i = y * size + x;
                int r = (int) (rgb[i] * 255);
                int g = (int) (rgb[plane + i] * 255);
                int b = (int) (rgb[2 * plane + i] * 255);
                out.setRGB(x, y, (r << 16) | (g << 8) | b);
                int[] jet = jet(Math.max(0f, Math.min(1f, (map[i] - lo) / range)));
                int or = (r + jet[0]) / 2;
                int og = (g + jet[1]) / 2;
                int ob = (b + jet[2]) / 2;
                if (mask != null && edge(mask, x, y, size)) {
                    or = og = ob = 255;
                }
                out.setRGB(size + x, y, (or << 16) | (og << 8) | ob);
            }
        }
        return out;
    }

    static boolean edge(float[] mask, int x, int y, int size) {
        if (mask[y * size + x] <= 0.5f) {
            return false;
        }
        for (int[] d : new int[][]{{1, 0}, {-1, 0}, {0, 1}, {0, -1}}) {
            int xx = x + d[0];
            int yy = y + d[1];
            if (xx < 0 || yy < 0 || xx >= size || yy >= size || mask[yy * size + xx] <= 0.5f) {
                return true;
            }
        }
        return false;
    }

    /** The classic jet colour map: blue (0) to red (1). */
    static int[] jet(float v) {
        float r = clamp(1.5f - Math.abs(4 * v - 3));
        float g = clamp(1.5f - Math.abs(4 * v - 2));
        float b = clamp(1.5f - Math.abs(4 * v - 1));
        return new int[]{(int) (r * 255), (int) (g * 255), (int) (b * 255)};
    }

    private static float clamp(float v) {
        return Math.max(0f, Math.min(1f, v));
    }
}
