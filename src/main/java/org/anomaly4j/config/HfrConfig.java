package org.anomaly4j.config;

/**
 * The whole run configuration, as bound from YAML. Defaults live in {@code defaults.yaml} on the
 * classpath; user files and {@code --set} overrides are merged over them before binding.
 */
public record HfrConfig(DataConfig data, ModelConfig model, TrainConfig train, ScoringConfig scoring) {
}
