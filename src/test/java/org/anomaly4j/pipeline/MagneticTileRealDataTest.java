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
 * magnetic-tile set (160 training normals at 224 px, 3 epochs, 12 test images per type). The floors
 * sit below what this schedule measured here, and well above chance (0.5).
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
                "data.root=" + root, "data.maxTrainImages=160", "data.maxTestImages=12",
                "data.validationFraction=0.05", "train.epochs=3"));
        TrainService.Result r = TrainService.run(cfg, "MagneticTileRealDataTest", reports, "ci");
        var test = r.evaluation().metrics();
        var val = r.validation().metrics();
        System.out.printf("MagneticTileRealDataTest: test image AUROC %.4f, pixel AUROC %.4f, AUPRO %.4f; "
                        + "validation (synthetic defects) image AUROC %.4f, pixel AUROC %.4f%n",
                test.imageAuroc(), test.pixelAuroc(), test.pixelAupro(), val.imageAuroc(), val.pixelAuroc());
        assertThat(r.model().pretrainedEncoder()).isTrue();
        assertThat(val.pixelAuroc()).as("validation pixel AUROC").isGreaterThan(VALIDATION_PIXEL_AUROC_FLOOR);
        assertThat(test.pixelAuroc()).as("test pixel AUROC").isGreaterThan(TEST_PIXEL_AUROC_FLOOR);
    }

    // Measured at this schedule on 2026-11-29: test pixel AUROC 0.681, validation pixel AUROC 0.892.
    // Image AUROCs at this CI size (72 test images; 76 + 76 validation) measured 0.575 and 0.591:
    // too noisy to gate on, so they are printed, not asserted.
    static final double VALIDATION_PIXEL_AUROC_FLOOR = 0.80;
    static final double TEST_PIXEL_AUROC_FLOOR = 0.60;
}
