package org.anomaly4j.data;

import java.util.List;

/**
 * Training normals, validation normals (carved from the training normals) and the test split.
 *
 * @param hasMasks whether the test split has pixel masks (else pixel metrics are skipped)
 * @param source   human-readable description of where the data came from
 */
public record DatasetSplits(List<ImageSample> train, List<ImageSample> validation, List<ImageSample> test,
                            boolean hasMasks, String source) {
}
