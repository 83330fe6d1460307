package org.anomaly4j.pipeline;

import org.anomaly4j.AnomalyException;
import org.anomaly4j.config.ConfigLoader;
import org.anomaly4j.config.HfrConfig;
import org.anomaly4j.data.SyntheticDefectGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

/**
 * {@code Evaluate --split validation} scores the validation set only: it gives Train's validation figures, and the
 * test split, which it does not score, is not read — a broken test image stops a test evaluation, not this one.
 */
class EvaluateValidationSplitTest {
    @TempDir
    Path dir;

    @Test
    void validationSplitNeitherReadsNorNeedsTheTestSplit() throws Exception {
        Path data = new SyntheticDefectGenerator(48, 7).write(dir.resolve("data"), 24, 6, 6);
        HfrConfig cfg = ConfigLoader.load(null, List.of("data.root=" + data, "data.imageSize=48", "data.validationFraction=0.25",
                "model.encoder=tiny", "model.decoder.width=16", "model.decoder.bottleneck=8", "model.decoder.depth=1",
                "train.epochs=2", "train.batchSize=8", "scoring.sigma=2", "scoring.batchSize=8"));
        TrainService.Result trained = TrainService.run(cfg, "test", dir.resolve("reports"), "train");
        ModelStore.Loaded loaded = ModelStore.load(trained.runDir().resolve("model.zip"));

        Path broken;
        try (var files = Files.list(data.resolve("test/good"))) {
            broken = files.findFirst().orElseThrow();
        }
        Files.write(broken, new byte[]{1, 2, 3});

        EvaluateService.Result v = EvaluateService.run(loaded, loaded.config().data(), loaded.config().scoring(), "test",
                dir.resolve("reports"), "validation", true);
        assertThat(v.evaluation().metrics().imageAuroc())
                .isCloseTo(trained.validation().metrics().imageAuroc(), offset(1e-9));
        // the report speaks of the split it scored
        assertThat(Files.readString(v.runDir().resolve("metrics.json"))).contains("\"split\" : \"validation\"")
                .contains("\"validation_images\" : " + v.evaluation().metrics().images()).doesNotContain("test_");
        assertThat(Files.readString(v.runDir().resolve("summary.md"))).contains("- validation images: ").doesNotContain("test images");
        assertThatThrownBy(() -> EvaluateService.run(loaded, loaded.config().data(), loaded.config().scoring(), "test",
                dir.resolve("reports"), "on-test", false))
                .isInstanceOf(AnomalyException.class).hasMessageContaining(broken.getFileName().toString());
    }
}
