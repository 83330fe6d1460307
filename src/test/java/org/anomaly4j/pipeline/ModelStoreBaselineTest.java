package org.anomaly4j.pipeline;

import org.anomaly4j.AnomalyException;
import org.anomaly4j.config.ConfigLoader;
import org.anomaly4j.config.HfrConfig;
import org.anomaly4j.model.HfrModel;
import org.anomaly4j.model.HfrModelBuilder;
import org.anomaly4j.model.encoder.EncoderCatalogue;
import org.anomaly4j.scoring.BaselineMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The baseline a model is saved with comes back from its zip, and a zip that lacks part of it is refused by name. */
class ModelStoreBaselineTest {
    private static final int SIZE = 32;

    @TempDir
    Path dir;

    private static HfrModel tiny(HfrConfig cfg) {
        return HfrModelBuilder.build(EncoderCatalogue.build(cfg.model(), SIZE, 1), cfg.model(), cfg.train(), SIZE);
    }

    @Test
    void zscoreBaselineRoundTrips() {
        HfrConfig cfg = ConfigLoader.load(null, List.of("model.encoder=tiny", "model.decoder.width=8",
                "model.decoder.bottleneck=4", "scoring.baseline=train-zscore"));
        float[] mean = new float[SIZE * SIZE];
        float[] inverse = new float[SIZE * SIZE];
        for (int p = 0; p < mean.length; p++) {
            mean[p] = p * 0.01f;
            inverse[p] = 1 + p % 7;
        }
        Path zip = dir.resolve("model.zip");
        ModelStore.save(tiny(cfg), cfg, Map.of(), Map.of(), null, new BaselineMap(mean, inverse), zip);
        BaselineMap loaded = ModelStore.load(zip).baseline();
        assertThat(loaded.mean()).containsExactly(mean);
        assertThat(loaded.inverseSpread()).containsExactly(inverse);
    }

    @Test
    void zscoreModelWithoutItsSpreadEntryIsRefused() {
        HfrConfig cfg = ConfigLoader.load(null, List.of("model.encoder=tiny", "model.decoder.width=8",
                "model.decoder.bottleneck=4", "scoring.baseline=train-zscore"));
        Path zip = dir.resolve("model.zip");
        ModelStore.save(tiny(cfg), cfg, Map.of(), Map.of(), null, new BaselineMap(new float[SIZE * SIZE], null), zip);
        assertThatThrownBy(() -> ModelStore.load(zip)).isInstanceOf(AnomalyException.class)
                .hasMessageContaining(ModelMetadata.BASELINE_SPREAD_ENTRY).hasMessageContaining("re-train");
    }
}
