package org.anomaly4j.train;

import org.deeplearning4j.optimize.api.TrainingListener;

import java.util.List;

/**
 * What a training loop needs beyond the model and config: where to checkpoint (null = nowhere),
 * whether to continue from the last checkpoint, the config fingerprint a checkpoint must match, and
 * listeners (e.g. the DL4J UI's StatsListener) attached to the graph being fitted.
 */
public record TrainingSession(Checkpoints checkpoints, boolean resume, String fingerprint, List<TrainingListener> listeners) {

    public static TrainingSession none() {
        return new TrainingSession(null, false, "", List.of());
    }
}
