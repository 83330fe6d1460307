package org.anomaly4j.scoring;

/** Anomaly maps (one float[size*size] per image, row-major) and image scores of a batch. */
public record ScoredBatch(float[][] maps, float[] scores, int size) {
}
