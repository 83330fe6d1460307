package org.anomaly4j.config;

import java.util.List;

/**
 * Training schedule and loss.
 *
 * @param epochs        passes over the training normals
 * @param batchSize     images per step
 * @param learningRate  Adam learning rate
 * @param loss          {@code cosine}, {@code mse} or {@code both}
 * @param branchWeights one weight per tap (shallow to deep); empty = all 1
 * @param featureCache  compute the frozen encoder's taps once and train the decoder on them
 * @param seed          seed of weight init and batch order
 * @param earlyStoppingPatience stop after this many epochs without a lower validation loss (0 = off)
 */
public record TrainConfig(
        int epochs,
        int batchSize,
        double learningRate,
        String loss,
        List<Double> branchWeights,
        boolean featureCache,
        long seed,
        int earlyStoppingPatience) {
}
