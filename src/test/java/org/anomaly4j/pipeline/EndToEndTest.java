package org.anomaly4j.pipeline;

import org.anomaly4j.config.HfrConfig;
import org.anomaly4j.data.AnomalyImageRecordReader;
import org.anomaly4j.data.ImageBatches;
import org.anomaly4j.data.ImageSample;
import org.anomaly4j.data.MvtecLayout;
import org.anomaly4j.data.SyntheticDefectGenerator;
import org.anomaly4j.model.InferencePath;
import org.anomaly4j.scoring.AnomalyScorer;
import org.anomaly4j.scoring.ScoredBatch;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Train on synthetic defects with the tiny encoder, evaluate, save, reload with plain DL4J, score
 * again: detection works (AUROC well above chance, map peaks inside the defects) and the reloaded
 * graph gives the same outputs.
 */
class EndToEndTest {
    @TempDir
    Path dir;

    @Test
    void trainEvaluateSaveReload() throws Exception {
        Path data = new SyntheticDefectGenerator(64, 3).write(dir.resolve("data"), 40, 12, 10);
        HfrConfig cfg = TinyDetector.config("data.root=" + data, "data.imageSize=64");
        TrainService.Result r = TrainService.run(cfg, "test", dir.resolve("reports"), "run1");

        double auroc = r.evaluation().metrics().imageAuroc();
        assertThat(auroc).as("image AUROC").isGreaterThan(0.75);
        assertThat(r.evaluation().metrics().pixelAuroc()).as("pixel AUROC").isGreaterThan(0.75);
        assertThat(r.history().trainLoss().get(r.history().trainLoss().size() - 1)).isLessThan(r.history().trainLoss().get(0));

        Path run = dir.resolve("reports/run1");
        for (String f : List.of("model.zip", "metrics.json", "summary.md", "config.yaml", "command.txt", "scores.csv", "history.json")) {
            assertThat(run.resolve(f)).as(f).isRegularFile();
        }
        // the synthetic set has two defect types (scratch, spot): the report breaks the image AUROC down by type
        com.fasterxml.jackson.databind.JsonNode metrics = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(run.resolve("metrics.json").toFile());
        com.fasterxml.jackson.databind.JsonNode byType = metrics.get("image_AUROC_by_defect_type");
        assertThat(byType).as("image_AUROC_by_defect_type").isNotNull();
        assertThat(byType.fieldNames()).toIterable().containsExactly("scratch", "spot");
        // and the pixel AUROC too, with each type's share of the defect pixels (shares add up to 1)
        com.fasterxml.jackson.databind.JsonNode pixelByType = metrics.get("pixel_AUROC_by_defect_type");
        assertThat(pixelByType).as("pixel_AUROC_by_defect_type").isNotNull();
        assertThat(pixelByType.fieldNames()).toIterable().containsExactly("scratch", "spot");
        com.fasterxml.jackson.databind.JsonNode share = metrics.get("defect_pixel_share_by_defect_type");
        assertThat(share.get("scratch").asDouble() + share.get("spot").asDouble()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Files.readString(run.resolve("summary.md"))).contains("| scratch | ").contains("| spot | ")
                .contains("95 % interval (DeLong)");
        // the test AUROC's interval brackets it, and so does the validation one
        for (String key : List.of("image_AUROC", "validation_image_AUROC")) {
            com.fasterxml.jackson.databind.JsonNode ci = metrics.get(key + "_CI95");
            assertThat(ci).as(key + "_CI95").isNotNull();
            assertThat(metrics.get(key).asDouble()).isBetween(ci.get(0).asDouble(), ci.get(1).asDouble());
        }
        try (var s = Files.list(run.resolve("overlays"))) {
            assertThat(s.filter(p -> p.toString().endsWith(".png")).count()).as("overlays").isEqualTo(6); // 3 types x highest/lowest
        }
        try (var s = Files.list(dir.resolve("reports"))) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("run1"); // no .incomplete-* left
        }

        // map peak inside the defect mask for most defect images
        List<ImageSample> defects = MvtecLayout.scan(data, 0.1, 1, 0, 0).test().stream().filter(ImageSample::anomalous).toList();
        AnomalyImageRecordReader reader = new AnomalyImageRecordReader(defects, 64);
        ImageBatches.Batch batch = ImageBatches.next(reader, 0, defects.size());
        InferencePath path = new InferencePath(r.model(), cfg.model(), cfg.train());
        ScoredBatch scored = new AnomalyScorer(r.model(), path, cfg.scoring()).score(batch.images());
        float[] masks = batch.masks().dup('c').data().asFloat();
        int hits = 0;
        for (int i = 0; i < defects.size(); i++) {
            float[] map = scored.maps()[i];
            int argmax = 0;
            for (int p = 1; p < map.length; p++) {
                if (map[p] > map[argmax]) {
                    argmax = p;
                }
            }
            int y = argmax / 64;
            int x = argmax % 64;
            boolean near = false; // within 3 px of the defect: the map is smoothed and upsampled from stride-8 features
            for (int dy = -3; dy <= 3 && !near; dy++) {
                for (int dx = -3; dx <= 3 && !near; dx++) {
                    int yy = y + dy, xx = x + dx;
                    near = yy >= 0 && yy < 64 && xx >= 0 && xx < 64 && masks[i * 64 * 64 + yy * 64 + xx] > 0.5f;
                }
            }
            hits += near ? 1 : 0;
        }
        assertThat(hits).as("map peak on the defect").isGreaterThanOrEqualTo((int) (0.7 * defects.size()));

        // plain DL4J reload: same outputs
        ComputationGraph plain = ModelSerializer.restoreComputationGraph(run.resolve("model.zip").toFile(), false);
        INDArray input = r.model().preprocessing().apply(batch.images());
        Map<String, INDArray> a = r.model().graph().feedForward(input, false);
        Map<String, INDArray> b = plain.feedForward(input, false);
        for (String name : r.model().reconstructions()) {
            assertThat(b.get(name)).as(name).isEqualTo(a.get(name));
        }
        String json = ModelSerializer.getObjectFromFile(run.resolve("model.zip").toFile(), ModelMetadata.ZIP_ENTRY);
        assertThat(json).contains("\"inputName\"").contains("block3");

        // Evaluate with the saved model reproduces the metrics
        ModelStore.Loaded loaded = ModelStore.load(run.resolve("model.zip"));
        EvaluationResult again = EvaluateService.run(loaded, loaded.config().data(), loaded.config().scoring(), "test",
                dir.resolve("reports"), "eval1").evaluation();
        assertThat(again.metrics().imageAuroc()).isEqualTo(auroc);
        assertThat(again.metrics().pixelAupro()).isEqualTo(r.evaluation().metrics().pixelAupro());
    }
}
