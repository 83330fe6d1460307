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
 * One small one-class run end to end on the real MNIST IDX files (normal class 1; 300 training
 * images, 2 epochs, 100 test images per class). The full suites are the Benchmark command.
 */
@Tag("real-data")
class OneClassRealDataTest {
    @TempDir
    Path tmp;

    @Test
    void mnistClassOneIsSeparatedFromTheOtherDigits() {
        Path root = RealData.dataset("mnist");
        RealData.weights(SqueezeNetEncoder.KERAS_H5);
        HfrConfig cfg = ConfigLoader.load(Path.of("hyperparams/one-class-mnist.yaml"), List.of(
                "data.root=" + root, "data.normalClass=1", "data.maxTrainImages=300", "data.maxTestImages=100",
                "train.epochs=2", "data.cacheDir=" + tmp.resolve("cache")));
        TrainService.Result r = TrainService.run(cfg, "OneClassRealDataTest", tmp.resolve("reports"), "ci");
        double auroc = r.evaluation().metrics().imageAuroc();
        System.out.printf("OneClassRealDataTest: MNIST class 1 image AUROC %.4f on %d test images%n",
                auroc, r.evaluation().metrics().images());
        assertThat(r.evaluation().metrics().images()).isEqualTo(1000);
        assertThat(auroc).as("image AUROC").isGreaterThan(IMAGE_AUROC_FLOOR);
    }

    // measured at this schedule: 0.9042 with the max score, 0.9703 with the config's mean + product
    // score (2026-11-29, unit-norm targets), 0.9919 with unit-RMS targets (2026-11-30; 1,000 test
    // images); the floor sits below all three, above what a broken score or split would give
    static final double IMAGE_AUROC_FLOOR = 0.85;
}
