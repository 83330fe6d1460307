package org.anomaly4j.pipeline;

import java.nio.file.Path;

/** The score of one test image, with its ground truth. */
public record ImageScore(Path image, String defectType, int label, float score) {
}
