package org.anomaly4j.config;

import org.anomaly4j.AnomalyException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelFixedKeysTest {
    private final HfrConfig trained = ConfigLoader.load(null, List.of("data.imageSize=96", "model.encoder=tiny", "train.epochs=3"));

    @Test
    void dataAndScoringKeysPass() {
        assertThatCode(() -> ModelFixedKeys.requireUnchanged(trained, List.of("scoring.sigma=2", "data.root=elsewhere",
                "data.maxStretch=1.5"), "Evaluate")).doesNotThrowAnyException();
    }

    @Test
    void aFixedKeyGivenItsTrainedValuePasses() {
        assertThatCode(() -> ModelFixedKeys.requireUnchanged(trained, List.of("data.imageSize=96", "train.epochs=3"), "Evaluate"))
                .doesNotThrowAnyException();
    }

    @Test
    void changingWhatTheModelFixesIsRefusedNamingTheKeys() {
        assertThatThrownBy(() -> ModelFixedKeys.requireUnchanged(trained, List.of("data.imageSize=128", "scoring.sigma=2",
                "model.decoder.width=16"), "Export")).isInstanceOf(AnomalyException.class)
                .hasMessageStartingWith("Export --set data.imageSize, model.decoder.width: fixed when the model was trained")
                .hasMessageContaining("new Train run");
        assertThatThrownBy(() -> ModelFixedKeys.requireUnchanged(trained, List.of("data.sampleBits=12"), "Evaluate"))
                .as("the images' sample scaling is the model's input too").hasMessageStartingWith("Evaluate --set data.sampleBits:");
        assertThatThrownBy(() -> ModelFixedKeys.requireUnchanged(trained, List.of("data.tiles=3"), "Evaluate"))
                .as("so is the scale tiles give").hasMessageStartingWith("Evaluate --set data.tiles:");
        assertThatThrownBy(() -> ModelFixedKeys.requireUnchanged(trained, List.of("data.crop=[0, 0, 20, 20]"), "Evaluate"))
                .as("and the region it sees").hasMessageStartingWith("Evaluate --set data.crop:");
    }
}
