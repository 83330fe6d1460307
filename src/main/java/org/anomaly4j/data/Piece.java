package org.anomaly4j.data;

import java.awt.Rectangle;

/**
 * One cell of a {@code cols} x {@code rows} grid over an image or over a region of it ({@link Cutting}): one of the pieces
 * a long image is cut into along its long side (one row or one column), a tile, or the region itself.
 *
 * @param col    0-based, from the left
 * @param row    0-based, from the top
 * @param region the part of the image the grid covers ({@code data.crop}); null: the whole image
 */
public record Piece(int col, int cols, int row, int rows, Rectangle region) {

    /** A cell of a grid over the whole image. */
    public Piece(int col, int cols, int row, int rows) {
        this(col, cols, row, rows, null);
    }

    /**
     * One of {@code count} equal parts cut along one side: across the width ({@code alongWidth}, from the left) or the
     * height (from the top).
     */
    public Piece(int index, int count, boolean alongWidth) {
        this(alongWidth ? index : 0, alongWidth ? count : 1, alongWidth ? 0 : index, alongWidth ? 1 : count, null);
    }

    /**
     * How many pieces an image of {@code width} x {@code height} is cut into along its long side: round(long / short)
     * when it is stretched more than {@code maxStretch}, else 1. Never more or fewer than that rounding: cutting a 1.3:1
     * image in two would leave two 1:1.5 pieces, stretched more than the whole.
     */
    public static int countFor(int width, int height, double maxStretch) {
        double aspect = (double) Math.max(width, height) / Math.min(width, height);
        if (maxStretch <= 0 || aspect <= maxStretch) {
            return 1;
        }
        return (int) Math.round(aspect);
    }

    /** Whether the grid is one row: pieces cut across the width (for pieces cut along one side). */
    public boolean alongWidth() {
        return rows == 1;
    }

    /** How many cells the grid has: the image's number of inputs. */
    public int count() {
        return cols * rows;
    }

    /** Cell {@code index} of {@code count} along a side of {@code length} pixels: [from, to), the cells tiling it without gaps or overlap. */
    static int[] span(int index, int count, int length) {
        return new int[]{index * length / count, (index + 1) * length / count};
    }

    /** This piece's pixels in an image of {@code width} x {@code height}. */
    public Rectangle bounds(int width, int height) {
        Rectangle r = region == null ? new Rectangle(0, 0, width, height) : region;
        int[] x = span(col, cols, r.width);
        int[] y = span(row, rows, r.height);
        return new Rectangle(r.x + x[0], r.y + y[0], x[1] - x[0], y[1] - y[0]);
    }
}
