package org.anomaly4j.pipeline;

import org.anomaly4j.RealData;
import org.anomaly4j.config.ConfigLoader;
import org.anomaly4j.config.HfrConfig;
import org.anomaly4j.model.encoder.SqueezeNetEncoder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real pipeline on real data at a CI-sized schedule: SqueezeNet ImageNet encoder on the
 * magnetic-tile set (160 training normals at 160 px, 3 epochs, 12 test images per type). The floors
 * sit below what this schedule measured here (see the closing note of the pipeline issue), far above chance.
 */
@Tag("real-data")
class MagneticTileRealDataTest {
    @TempDir
    Path reports;

    @Test
    void squeezeNetOnMagneticTileClearsTheFloor() {
        Path root = RealData.dataset("magnetic-tile");
        RealData.weights(SqueezeNetEncoder.KERAS_H5);
        HfrConfig cfg = ConfigLoader.load(Path.of("hyperparams/magnetic-tile.yaml"), List.of(
                "data.root=" + root, "data.imageSize=160", "data.maxTrainImages=160", "data.maxTestImages=12",
                "data.validationFraction=0.05", "train.epochs=3"));
        TrainService.Result r = TrainService.run(cfg, "MagneticTileRealDataTest", reports, "ci");
        assertThat(r.model().pretrainedEncoder()).isTrue();
        assertThat(r.evaluation().metrics().imageAuroc()).as("image AUROC").isGreaterThan(IMAGE_AUROC_FLOOR);
        assertThat(r.evaluation().metrics().pixelAuroc()).as("pixel AUROC").isGreaterThan(PIXEL_AUROC_FLOOR);
    }

    static final double IMAGE_AUROC_FLOOR = 0.70;
    static final double PIXEL_AUROC_FLOOR = 0.65;
}
