package org.anomaly4j.config;

import org.anomaly4j.AnomalyException;

import java.util.ArrayList;
import java.util.List;

/**
 * The keys a trained model fixes: its encoder, taps and decoder ({@code model.*}), how it was trained ({@code train.*})
 * and its input ({@code data.imageSize}, {@code data.sampleBits}, {@code data.tiles}: the scale it sees). Commands that re-use a saved model (Evaluate, Export) can change the
 * data and the scoring only; an override of a fixed key would otherwise be ignored without a word.
 */
public final class ModelFixedKeys {
    private ModelFixedKeys() {
    }

    /** Refuses {@code --set} overrides that would change what {@code trained} fixes (the same value passes). */
    public static void requireUnchanged(HfrConfig trained, List<String> overrides, String command) {
        if (overrides.isEmpty()) {
            return;
        }
        HfrConfig requested = ConfigLoader.withOverrides(trained, overrides, "model config + --set");
        List<String> changed = new ArrayList<>();
        for (String o : overrides) {
            String key = o.substring(0, Math.max(0, o.indexOf('='))).trim();
            boolean fixed = key.startsWith("model.") || key.startsWith("train.") || key.equals("data.imageSize")
                    || key.equals("data.sampleBits") || key.equals("data.tiles") || key.equals("data.crop");
            if (fixed && !changed.contains(key)) {
                changed.add(key);
            }
        }
        boolean differs = !requested.model().equals(trained.model()) || !requested.train().equals(trained.train())
                || requested.data().imageSize() != trained.data().imageSize()
                || requested.data().sampleBits() != trained.data().sampleBits()
                || requested.data().tiles() != trained.data().tiles()
                || !java.util.Objects.equals(requested.data().crop(), trained.data().crop());
        if (differs && !changed.isEmpty()) {
            throw new AnomalyException(command + " --set " + String.join(", ", changed) + ": fixed when the model was trained ("
                    + "model.*, train.*, data.imageSize, data.sampleBits, data.tiles and data.crop belong to the saved model); change them with a new Train run. "
                    + command + " takes data.* and scoring.* keys");
        }
    }
}
