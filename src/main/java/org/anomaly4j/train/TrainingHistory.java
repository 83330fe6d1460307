package org.anomaly4j.train;

import java.util.List;

/**
 * Loss per epoch (training mean and validation), the epoch whose parameters were kept (lowest
 * validation loss, or the last epoch without a validation split), the wall time (feature cache included)
 * and the seconds of each epoch run in this process (training and validation loss; not the cache).
 */
public record TrainingHistory(List<Double> trainLoss, List<Double> validationLoss, int bestEpoch,
                              double seconds, boolean featureCache, long cacheBytes, List<Double> epochSeconds) {
}
