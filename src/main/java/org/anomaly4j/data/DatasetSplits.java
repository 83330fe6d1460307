package org.anomaly4j.data;

import java.util.List;

/**
 * Training normals, validation normals (carved from the training normals), labelled validation
 * anomalies where the dataset has some outside its test split, and the test split.
 *
 * @param validationAnomalies anomalous images that are not in the test split (one-class layout: held-out
 *                            training images of the other classes); empty for MVTec and folder layouts, whose
 *                            validation set gets synthetic defects instead ({@code pipeline.ValidationEvaluation})
 * @param hasMasks            whether the test split has pixel masks (else pixel metrics are skipped)
 * @param source              human-readable description of where the data came from
 */
public record DatasetSplits(List<ImageSample> train, List<ImageSample> validation, List<ImageSample> validationAnomalies,
                            List<ImageSample> test, boolean hasMasks, String source) {
    /** Splits without validation anomalies. */
    public DatasetSplits(List<ImageSample> train, List<ImageSample> validation, List<ImageSample> test,
                         boolean hasMasks, String source) {
        this(train, validation, List.of(), test, hasMasks, source);
    }
}
