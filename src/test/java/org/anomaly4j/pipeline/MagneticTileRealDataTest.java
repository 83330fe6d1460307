package org.anomaly4j.pipeline;

import org.anomaly4j.RealData;
import org.anomaly4j.config.ConfigLoader;
import org.anomaly4j.config.HfrConfig;
import org.anomaly4j.data.AnomalyImageRecordReader;
import org.anomaly4j.data.DatasetFactory;
import org.anomaly4j.data.ImageBatches;
import org.anomaly4j.data.ImageSample;
import org.anomaly4j.export.ExportService;
import org.anomaly4j.model.HfrModel;
import org.anomaly4j.model.InferencePath;
import org.anomaly4j.model.encoder.SqueezeNetEncoder;
import org.anomaly4j.scoring.AnomalyScorer;
import org.anomaly4j.scoring.ScoredBatch;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real pipeline on real data at a CI-sized schedule: SqueezeNet ImageNet encoder on the
 * magnetic-tile set (160 training normals at 224 px, 3 epochs, 12 test images per type). The floors
 * sit below what this schedule measured here, and well above chance (0.5). The trained model is then
 * exported and the exported graph must give the scorer's maps and scores on the test images.
 */
@Tag("real-data")
class MagneticTileRealDataTest {
    @TempDir
    Path reports;

    @Test
    void squeezeNetOnMagneticTileClearsTheFloor() throws Exception {
        Path root = RealData.dataset("magnetic-tile");
        RealData.weights(SqueezeNetEncoder.KERAS_H5);
        HfrConfig cfg = ConfigLoader.load(Path.of("hyperparams/magnetic-tile.yaml"), List.of(
                "data.root=" + root, "data.imageSize=224", "data.maxTrainImages=160", "data.maxTestImages=12",
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

        exportedGraphEqualsTheScorerOnTheTestImages(r.runDir().resolve("model.zip"));
    }

    /**
     * Export with max scoring (top-k has no built-in layer; baseline and thresholds are recomputed on
     * validation), reload the zip with plain DL4J, and compare maps and scores with the in-project scorer
     * on every test image of the run.
     */
    void exportedGraphEqualsTheScorerOnTheTestImages(Path modelZip) throws Exception {
        ModelStore.Loaded loaded = ModelStore.load(modelZip);
        HfrConfig cfg = ConfigLoader.withOverrides(loaded.config(), List.of("scoring.scoreMode=max"), "test");
        ExportService.Result ex = ExportService.run(modelZip, loaded, cfg, reports.resolve("exported.zip"));
        ComputationGraph graph = ModelSerializer.restoreComputationGraph(ex.file().toFile(), false);
        HfrModel model = loaded.model();
        AnomalyScorer scorer = new AnomalyScorer(model, new InferencePath(model, cfg.model(), cfg.train()), cfg.scoring(), ex.baseline());
        List<ImageSample> test = DatasetFactory.open(cfg.data()).test();
        AnomalyImageRecordReader reader = new AnomalyImageRecordReader(test, model.imageSize());
        double mapDiff = 0;
        double scoreDiff = 0;
        int offset = 0;
        while (reader.hasNext()) {
            ImageBatches.Batch b = ImageBatches.next(reader, offset, 8);
            ScoredBatch expected = scorer.score(b.images());
            INDArray[] out = graph.output(model.preprocessing().apply(b.images()));
            float[] maps = out[0].dup('c').data().asFloat();
            int plane = model.imageSize() * model.imageSize();
            for (int i = 0; i < b.samples().size(); i++) {
                for (int p = 0; p < plane; p++) {
                    mapDiff = Math.max(mapDiff, Math.abs(maps[i * plane + p] - expected.maps()[i][p]));
                }
                scoreDiff = Math.max(scoreDiff, Math.abs(out[1].getDouble(i, 0) - expected.scores()[i]));
            }
            offset += b.samples().size();
            b.close();
        }
        System.out.printf("MagneticTileRealDataTest: exported graph vs scorer on %d test images: max |map diff| %.2e, max |score diff| %.2e%n",
                test.size(), mapDiff, scoreDiff);
        assertThat(offset).isEqualTo(test.size()).isGreaterThan(0);
        assertThat(mapDiff).as("max |map difference|").isLessThan(1e-4);
        assertThat(scoreDiff).as("max |score difference|").isLessThan(1e-4);
    }

    // Measured at this schedule on 2026-11-29: test pixel AUROC 0.681, validation pixel AUROC 0.892; with
    // unit-RMS targets (2026-11-30, 66fd3c4) 0.711 and 0.958; with the config's four validation copies
    // (3fa6168: 38 held-out normals + 152 copies) 0.709 and 0.938. Image AUROCs at this CI size (72 test images;
    // 76 + 76 validation) measured 0.575 / 0.591, then 0.724 / 0.764: too noisy to gate on, so printed, not asserted.
    static final double VALIDATION_PIXEL_AUROC_FLOOR = 0.80;
    static final double TEST_PIXEL_AUROC_FLOOR = 0.60;
}
