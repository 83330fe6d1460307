package org.anomaly4j.data;

import java.awt.Rectangle;

/**
 * One of {@code count} equal parts of an image, cut along its long side ({@link ImagePieces}).
 *
 * @param index      0-based, from the left (cut across the width) or the top (across the height)
 * @param alongWidth whether the image is cut across its width (it is wider than high)
 */
public record Piece(int index, int count, boolean alongWidth) {

    /**
     * How many pieces an image of {@code width} x {@code height} is cut into: round(long / short) when it is
     * stretched more than {@code maxStretch}, else 1. Never more or fewer than that rounding: cutting a 1.3:1
     * image in two would leave two 1:1.5 pieces, stretched more than the whole.
     */
    public static int countFor(int width, int height, double maxStretch) {
        double aspect = (double) Math.max(width, height) / Math.min(width, height);
        if (maxStretch <= 0 || aspect <= maxStretch) {
            return 1;
        }
        return (int) Math.round(aspect);
    }

    /** This piece's share [from, to) of a side of {@code length} pixels; the pieces tile it without gaps or overlap. */
    public int[] span(int length) {
        return new int[]{index * length / count, (index + 1) * length / count};
    }

    /** This piece's pixels in an image of {@code width} x {@code height}. */
    public Rectangle bounds(int width, int height) {
        if (alongWidth) {
            int[] x = span(width);
            return new Rectangle(x[0], 0, x[1] - x[0], height);
        }
        int[] y = span(height);
        return new Rectangle(0, y[0], width, y[1] - y[0]);
    }
}
