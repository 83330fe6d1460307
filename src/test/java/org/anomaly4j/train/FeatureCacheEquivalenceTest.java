package org.anomaly4j.train;

import org.anomaly4j.config.ConfigLoader;
import org.anomaly4j.config.HfrConfig;
import org.anomaly4j.data.SyntheticDefectGenerator;
import org.anomaly4j.pipeline.TrainService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Training on cached encoder taps is an optimisation, not another method: with the same seed it gives
 * the metrics of fitting the full graph on images (same init, same batch order, same frozen encoder).
 */
class FeatureCacheEquivalenceTest {
    @TempDir
    Path dir;

    @Test
    void cachedAndDirectTrainingGiveTheSameMetrics() {
        Path data = new SyntheticDefectGenerator(48, 8).write(dir.resolve("data"), 24, 4, 3);
        List<String> common = List.of("data.root=" + data, "data.imageSize=48", "data.validationFraction=0.25",
                "model.encoder=tiny", "model.decoder.width=16", "model.decoder.bottleneck=8", "model.decoder.depth=1",
                "train.epochs=3", "train.batchSize=6", "scoring.sigma=2", "scoring.batchSize=8");
        HfrConfig cached = ConfigLoader.load(null, concat(common, "train.featureCache=true"));
        HfrConfig direct = ConfigLoader.load(null, concat(common, "train.featureCache=false"));
        var a = TrainService.run(cached, "cached", dir.resolve("reports"), "cached");
        var b = TrainService.run(direct, "direct", dir.resolve("reports"), "direct");
        assertThat(a.history().featureCache()).isTrue();
        double la = a.history().trainLoss().get(2);
        assertThat(la).isCloseTo(b.history().trainLoss().get(2), within(1e-3 * la));
        assertThat(b.history().featureCache()).isFalse();
        assertThat(a.evaluation().metrics().imageAuroc()).isCloseTo(b.evaluation().metrics().imageAuroc(), within(0.005));
        assertThat(a.evaluation().metrics().pixelAuroc()).isCloseTo(b.evaluation().metrics().pixelAuroc(), within(0.005));
    }

    private static List<String> concat(List<String> a, String b) {
        List<String> out = new java.util.ArrayList<>(a);
        out.add(b);
        return out;
    }
}
