package org.anomaly4j.data;

import java.nio.file.Path;

/**
 * One image of a dataset split.
 *
 * @param image      the image file
 * @param defectType {@code good} for normal images, else the defect folder's name
 * @param mask       ground-truth mask (0 = normal, &gt;0 = defect), or null (normal, or no masks)
 * @param piece      the part of the image this sample stands for ({@link ImagePieces}), or null: all of it
 */
public record ImageSample(Path image, String defectType, Path mask, Piece piece) {
    public static final String GOOD = "good";

    /** The whole image. */
    public ImageSample(Path image, String defectType, Path mask) {
        this(image, defectType, mask, null);
    }

    public boolean anomalous() {
        return !GOOD.equals(defectType);
    }
}
