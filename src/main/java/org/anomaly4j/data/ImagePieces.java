package org.anomaly4j.data;

import org.anomaly4j.AnomalyException;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts images into the model's inputs ({@link Cutting}): images much longer than wide (or wider than long) into
 * near-square pieces ({@code data.maxStretch}; every sample is resized to the model's square input, so a 600x240 image
 * is squashed 2.5 times more than a square one, and its defects with it; its pieces are not), and every image or piece
 * into tiles ({@code data.tiles}). Training uses the pieces as images; scoring scores an image's pieces and puts their
 * maps back together ({@code pipeline.PieceScorer}).
 */
public final class ImagePieces {
    private ImagePieces() {
    }

    /** The samples a sample is scored or trained as: itself, or its pieces in order. Reads the image's header only. */
    public static List<ImageSample> of(ImageSample s, double maxStretch) {
        return of(s, Cutting.stretch(maxStretch));
    }

    /** The samples a sample is scored or trained as: itself, or its pieces in order. Reads the image's header only. */
    public static List<ImageSample> of(ImageSample s, Cutting cutting) {
        if (cutting.whole() || s.piece() != null) {
            return List.of(s);
        }
        return of(s, cutting, ImageLoader.dimensions(s.image()));
    }

    /** {@link #of(ImageSample, Cutting)} for an image whose width and height ({@code dims}) are known. */
    public static List<ImageSample> of(ImageSample s, Cutting cutting, int[] dims) {
        if (cutting.whole() || s.piece() != null) {
            return List.of(s);
        }
        List<Piece> pieces;
        try {
            pieces = cutting.pieces(dims[0], dims[1]);
        } catch (IllegalArgumentException e) {
            throw new AnomalyException("image " + s.image() + ": " + e.getMessage(), e);
        }
        if (pieces.isEmpty()) {
            return List.of(s);
        }
        return pieces.stream().map(p -> new ImageSample(s.image(), s.defectType(), s.mask(), p)).toList();
    }

    /** The pieces an image of width x height is cut into, in order; none when it is not cut. */
    public static List<Piece> cut(int width, int height, double maxStretch) {
        return Cutting.stretch(maxStretch).pieces(width, height);
    }

    /** {@link #requireFit(List, Cutting)} over every image of every split. */
    public static void requireFit(DatasetSplits data, Cutting cutting) {
        List<ImageSample> all = new ArrayList<>(data.train());
        all.addAll(data.validation());
        all.addAll(data.validationAnomalies());
        all.addAll(data.test());
        requireFit(all, cutting);
    }

    /**
     * Refuses, before any work, images that {@code data.crop} does not fit in (reads headers only): found later, one would
     * stop a run after its training.
     */
    public static void requireFit(List<ImageSample> samples, Cutting cutting) {
        if (cutting.crop() == null) {
            return;
        }
        java.awt.Rectangle crop = cutting.crop();
        List<String> misfits = new ArrayList<>();
        for (ImageSample s : samples) {
            int[] d = ImageLoader.dimensions(s.image());
            if (!new java.awt.Rectangle(0, 0, d[0], d[1]).contains(crop)) {
                misfits.add(s.image() + " (" + d[0] + "x" + d[1] + ")");
            }
        }
        if (!misfits.isEmpty()) {
            throw new AnomalyException("data.crop [" + crop.x + ", " + crop.y + ", " + crop.width + ", " + crop.height + "] does not fit in "
                    + misfits.size() + " of " + samples.size() + " images (x + width and y + height must stay within each image; "
                    + "give a crop inside the smallest image, or crop the images beforehand):\n  "
                    + String.join("\n  ", misfits.subList(0, Math.min(10, misfits.size()))) + (misfits.size() > 10 ? "\n  ..." : ""));
        }
    }

    /** Every sample replaced by its pieces, in order. */
    public static List<ImageSample> expand(List<ImageSample> samples, double maxStretch) {
        return expand(samples, Cutting.stretch(maxStretch));
    }

    /** Every sample replaced by its pieces, in order. */
    public static List<ImageSample> expand(List<ImageSample> samples, Cutting cutting) {
        if (cutting.whole()) {
            return samples;
        }
        List<ImageSample> out = new ArrayList<>();
        for (ImageSample s : samples) {
            out.addAll(of(s, cutting));
        }
        return out;
    }
}
