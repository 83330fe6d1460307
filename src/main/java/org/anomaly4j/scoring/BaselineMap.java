package org.anomaly4j.scoring;

import java.util.Objects;

/**
 * What every anomaly map is corrected by before its score is read off, learnt from training normals
 * ({@link NormalBaseline}): minus their mean map, and with {@code scoring.baseline: train-zscore} times
 * the inverse of their per-pixel spread, so that places where normal images already vary a lot (tile
 * edges, borders, bright stripes) need a larger error to count.
 *
 * @param mean          the mean map, size*size
 * @param inverseSpread 1 / (per-pixel standard deviation + a floor), size*size; null for {@code train-mean}
 */
public record BaselineMap(float[] mean, float[] inverseSpread) {
    public BaselineMap {
        Objects.requireNonNull(mean, "mean");
        if (inverseSpread != null && inverseSpread.length != mean.length) {
            throw new IllegalArgumentException("inverseSpread has " + inverseSpread.length + " pixels, mean " + mean.length);
        }
    }

    /** (map - mean) * inverseSpread, in place. */
    public void applyTo(float[] map) {
        if (inverseSpread == null) {
            for (int p = 0; p < map.length; p++) {
                map[p] -= mean[p];
            }
            return;
        }
        for (int p = 0; p < map.length; p++) {
            map[p] = (map[p] - mean[p]) * inverseSpread[p];
        }
    }
}
