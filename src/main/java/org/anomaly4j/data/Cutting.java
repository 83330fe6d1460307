package org.anomaly4j.data;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;

/**
 * How an image becomes the model's square inputs: whole ({@link #WHOLE}), or only its region {@code crop}
 * ({@code data.crop}: the part a fixed camera sees of the part, without fixture and background); cut into near-square
 * pieces along its long side when stretched more than {@code maxStretch} ({@code data.maxStretch}); and each piece into
 * a {@code tiles} x {@code tiles} grid ({@code data.tiles}), so that defects a few pixels wide in a large image keep their
 * pixels instead of vanishing when the image is shrunk to the input size (anomalib's tiling).
 *
 * @param maxStretch 0: never cut for the shape
 * @param tiles      tiles per side of every image or piece (1: none)
 * @param crop       the region of every image the model sees, in its pixels; null: all of it
 */
public record Cutting(double maxStretch, int tiles, Rectangle crop) {
    public static final Cutting WHOLE = new Cutting(0, 1, null);

    public Cutting(double maxStretch, int tiles) {
        this(maxStretch, tiles, null);
    }

    /** Cut for the shape only, no tiles. */
    public static Cutting stretch(double maxStretch) {
        return new Cutting(maxStretch, 1, null);
    }

    /** Whether every image is one input, all of it. */
    public boolean whole() {
        return maxStretch <= 0 && tiles <= 1 && crop == null;
    }

    /**
     * The pieces an image of width x height is cut into, row by row; none when it is one input, all of it.
     *
     * @throws IllegalArgumentException when {@code crop} does not fit in the image (the caller names the file)
     */
    public List<Piece> pieces(int width, int height) {
        if (crop != null && !new Rectangle(0, 0, width, height).contains(crop)) {
            throw new IllegalArgumentException("data.crop [" + crop.x + ", " + crop.y + ", " + crop.width + ", " + crop.height
                    + "] does not fit in its " + width + "x" + height + " pixels");
        }
        Rectangle r = crop == null ? new Rectangle(0, 0, width, height) : crop;
        int n = Piece.countFor(r.width, r.height, maxStretch);
        boolean alongWidth = r.width >= r.height;
        int cols = (alongWidth ? n : 1) * Math.max(1, tiles);
        int rows = (alongWidth ? 1 : n) * Math.max(1, tiles);
        List<Piece> out = new ArrayList<>(cols * rows);
        for (int y = 0; (cols * rows > 1 || crop != null) && y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                out.add(new Piece(x, cols, y, rows, crop));
            }
        }
        return out;
    }
}
