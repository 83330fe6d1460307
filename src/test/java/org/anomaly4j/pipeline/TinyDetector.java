package org.anomaly4j.pipeline;

import org.anomaly4j.config.ConfigLoader;
import org.anomaly4j.config.HfrConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * The tiny random encoder with a decoder and schedule that learn the synthetic textures in seconds: the end-to-end tests'
 * model, so that only their data settings differ.
 */
final class TinyDetector {
    static final List<String> SETTINGS = List.of("model.encoder=tiny", "model.decoder.width=32", "model.decoder.bottleneck=8",
            "model.decoder.depth=1", "train.epochs=10", "train.batchSize=8", "train.learningRate=0.005", "train.loss=mse",
            "model.normalizeTaps=false", "scoring.distance=mse", "scoring.sigma=2", "scoring.batchSize=8");

    private TinyDetector() {
    }

    /** The config with these data settings ({@code data.root=…}, …) and the tiny model's. */
    static HfrConfig config(String... data) {
        List<String> all = new ArrayList<>(List.of(data));
        all.addAll(SETTINGS);
        return ConfigLoader.load(null, all);
    }
}
