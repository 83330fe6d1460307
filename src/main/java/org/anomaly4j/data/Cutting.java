package org.anomaly4j.data;

import java.util.ArrayList;
import java.util.List;

/**
 * How an image becomes the model's square inputs: whole ({@link #WHOLE}); cut into near-square pieces along its long
 * side when stretched more than {@code maxStretch} ({@code data.maxStretch}); and each piece into a {@code tiles} x
 * {@code tiles} grid ({@code data.tiles}), so that defects a few pixels wide in a large image keep their pixels instead
 * of vanishing when the image is shrunk to the input size (anomalib's tiling).
 *
 * @param maxStretch 0: never cut for the shape
 * @param tiles      tiles per side of every image or piece (1: none)
 */
public record Cutting(double maxStretch, int tiles) {
    public static final Cutting WHOLE = new Cutting(0, 1);

    /** Cut for the shape only, no tiles. */
    public static Cutting stretch(double maxStretch) {
        return new Cutting(maxStretch, 1);
    }

    /** Whether every image is one input. */
    public boolean whole() {
        return maxStretch <= 0 && tiles <= 1;
    }

    /** The pieces an image of width x height is cut into, row by row; none when it is one input. */
    public List<Piece> pieces(int width, int height) {
        int n = Piece.countFor(width, height, maxStretch);
        boolean alongWidth = width >= height;
        int cols = (alongWidth ? n : 1) * Math.max(1, tiles);
        int rows = (alongWidth ? 1 : n) * Math.max(1, tiles);
        List<Piece> out = new ArrayList<>(cols * rows);
        for (int r = 0; cols * rows > 1 && r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out.add(new Piece(c, cols, r, rows));
            }
        }
        return out;
    }
}
