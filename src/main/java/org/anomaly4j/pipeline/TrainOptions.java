package org.anomaly4j.pipeline;

/**
 * How a Train run behaves beyond its config: continue from the run's last checkpoint, show the DL4J
 * training UI on a port (null = no server; statistics are recorded to the run folder either way) and
 * keep the UI server running after training, and skip unusable images (listed) instead of stopping.
 */
public record TrainOptions(boolean resume, Integer uiPort, boolean keepUi, boolean keepGoing) {
    public TrainOptions(boolean resume, Integer uiPort, boolean keepUi) {
        this(resume, uiPort, keepUi, false);
    }

    public static TrainOptions defaults() {
        return new TrainOptions(false, null, false, false);
    }
}
