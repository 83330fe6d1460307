package org.anomaly4j.data;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * Warns when a dataset's images differ much in shape. Every image is stretched to the model's square
 * input, so images of different shapes are distorted by different amounts, and so are their defects: on
 * Magnetic Tile (width/height 0.3-2.6) the image AUROC of the widest images is 0.67 against 0.90 for the
 * narrow ones (reports/benchmarks/magnetic-tile.md).
 */
public final class AspectRatioCheck {
    /** Above this ratio between the largest and the smallest width/height, the stretch differs twofold between images. */
    public static final double MAX_SPREAD = 2.0;

    private AspectRatioCheck() {
    }

    /** An image's file and pixel size. */
    public record Shape(Path file, int width, int height) {
        double aspect() {
            return (double) width / height;
        }
    }

    /** The warning, or "" when the shapes are close enough (or there are none). */
    public static String warning(List<Shape> shapes, int size) {
        if (shapes.isEmpty()) {
            return "";
        }
        Shape narrowest = shapes.stream().min(Comparator.comparingDouble(Shape::aspect)).orElseThrow();
        Shape widest = shapes.stream().max(Comparator.comparingDouble(Shape::aspect)).orElseThrow();
        double spread = widest.aspect() / narrowest.aspect();
        if (spread <= MAX_SPREAD) {
            return "";
        }
        return String.format("the images differ in shape: width/height runs from %.2f (%s, %dx%d) to %.2f (%s, %dx%d); "
                        + "each is stretched to %dx%d, so the stretch differs %.1fx between them, and defects in the images "
                        + "farthest from square are squashed and found less well (Magnetic Tile: see reports/benchmarks/magnetic-tile.md). "
                        + "If the shapes come from how the images were cropped, crop them to one shape; or set data.maxStretch "
                        + "(e.g. 1.5) to cut the long images into near-square pieces",
                narrowest.aspect(), narrowest.file(), narrowest.width(), narrowest.height(),
                widest.aspect(), widest.file(), widest.width(), widest.height(), size, size, spread);
    }
}
