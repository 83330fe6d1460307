package org.anomaly4j.data;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The width/height of the inputs a model was trained on, narrowest to widest: every input is resized to
 * the model's square, so an image much wider, narrower or squarer than every training image is squashed in a
 * way the decoder never saw, and its score means less (Magnetic Tile: image AUROC 0.67 for its widest images
 * against 0.90 for the narrow ones, reports/benchmarks/magnetic-tile.md). With {@code data.maxStretch} the
 * inputs are an image's pieces ({@link Piece}), so the range is over pieces. Saved with the model; Predict
 * names the images that fall outside it.
 */
public record InputAspectRange(double min, double max) {
    /** How far outside the range an image may lie before it is named: 25 % more squashed than any training input. */
    public static final double TOLERANCE = 1.25;

    /** Key of the range in a model's provenance. */
    public static final String PROVENANCE_KEY = "trainingInputAspect";

    /** The range over the given images, each cut as {@code maxStretch} cuts it; null when there are none. */
    public static InputAspectRange of(List<AspectRatioCheck.Shape> shapes, double maxStretch) {
        if (shapes.isEmpty()) {
            return null;
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (AspectRatioCheck.Shape s : shapes) {
            double a = inputAspect(s.width(), s.height(), maxStretch);
            lo = Math.min(lo, a);
            hi = Math.max(hi, a);
        }
        return new InputAspectRange(lo, hi);
    }

    /** Width/height of what the model sees of a width x height image: the image, or one of its pieces. */
    public static double inputAspect(int width, int height, double maxStretch) {
        int n = Piece.countFor(width, height, maxStretch);
        return width >= height ? (double) width / n / height : width / ((double) height / n);
    }

    /** 1 inside the range; else how many times narrower than the narrowest or wider than the widest input. */
    public double outsideBy(double aspect) {
        return Math.max(1, Math.max(min / aspect, aspect / max));
    }

    /** "" when the image is within {@link #TOLERANCE} of the range, else a line naming it and how far off it is. */
    public String check(Path file, int width, int height, double maxStretch) {
        double a = inputAspect(width, height, maxStretch);
        double off = outsideBy(a);
        if (off <= TOLERANCE) {
            return "";
        }
        return String.format("%s (%dx%d): input width/height %.2f, %.1fx outside the training inputs' %.2f-%.2f",
                file, width, height, a, off, min, max);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("min", min);
        m.put("max", max);
        return m;
    }

    /** The range stored in a model's provenance, or null (models trained before it was stored). */
    public static InputAspectRange fromProvenance(Map<String, Object> provenance) {
        Object o = provenance == null ? null : provenance.get(PROVENANCE_KEY);
        if (!(o instanceof Map<?, ?> m) || !(m.get("min") instanceof Number lo) || !(m.get("max") instanceof Number hi)) {
            return null;
        }
        return new InputAspectRange(lo.doubleValue(), hi.doubleValue());
    }
}
