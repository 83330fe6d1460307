package org.anomaly4j.predict;

import org.anomaly4j.scoring.Thresholds;

/**
 * What {@link AnomalyDetector} found in one image.
 *
 * @param score      the image score (higher = more anomalous), as in Predict's {@code predictions.csv}
 * @param anomalyMap the anomaly map, row-major, {@code mapSize} x {@code mapSize}: the image stretched to the
 *                   model's square input, as the model saw it ({@link #anomalyMapAtImageSize()} undoes the stretch)
 * @param thresholds the detector's thresholds ({@link AnomalyDetector#thresholds()}); null when the model was
 *                   trained without validation images and no image threshold was given
 */
public record Detection(float score, float[] anomalyMap, int mapSize, int imageWidth, int imageHeight,
                        Thresholds thresholds) {

    public enum Label { NORMAL, ANOMALOUS, NO_THRESHOLD }

    /** At the detector's image threshold, the model's stored one unless another was given (Predict's {@code label}). */
    public Label label() {
        if (thresholds == null) {
            return Label.NO_THRESHOLD;
        }
        return thresholds.anomalous(score) ? Label.ANOMALOUS : Label.NORMAL;
    }

    /** anomalib's normalisation, the threshold at 0.5 (Predict's {@code normalized_score}); NaN without thresholds. */
    public double normalizedScore() {
        return thresholds == null ? Double.NaN : thresholds.normalizeImage(score);
    }

    /** The map resized (bilinear) to the image's own width x height, row-major: overlays it pixel for pixel. */
    public float[] anomalyMapAtImageSize() {
        return DefectMask.atImageSize(anomalyMap, mapSize, imageWidth, imageHeight);
    }

    /**
     * The pixels at or above the model's stored pixel threshold, at the image's own size, row-major: the defect
     * segmentation (what {@code Predict --masks} writes). Null without a stored pixel threshold.
     */
    public boolean[] defectMask() {
        if (thresholds == null || Double.isNaN(thresholds.pixel())) {
            return null; // no threshold stored, or only an image threshold given (useImageThreshold on such a model)
        }
        return DefectMask.of(anomalyMapAtImageSize(), thresholds.pixel());
    }

    /**
     * The connected regions of {@link #defectMask()}, highest peak first: bounding box, area and peak map value in
     * the image's own pixels (what {@code Predict --masks} writes to {@code regions.csv}). Null where
     * {@link #defectMask()} is; empty when nothing reaches the pixel threshold.
     */
    public java.util.List<DefectRegion> defectRegions() {
        if (thresholds == null || Double.isNaN(thresholds.pixel())) {
            return null;
        }
        float[] map = anomalyMapAtImageSize();
        return DefectRegion.of(DefectMask.of(map, thresholds.pixel()), map, imageWidth, imageHeight);
    }
}
