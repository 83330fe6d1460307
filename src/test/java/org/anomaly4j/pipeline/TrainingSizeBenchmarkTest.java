package org.anomaly4j.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.anomaly4j.AnomalyException;
import org.anomaly4j.cli.BenchmarkCommand;
import org.anomaly4j.cli.Cli;
import org.anomaly4j.data.SyntheticDefectGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The training-size suite on a small synthetic MVTec-layout set with the tiny encoder: 16 normals, 12 after validation. */
class TrainingSizeBenchmarkTest {
    @TempDir
    static Path dir;
    static Path config;

    @BeforeAll
    static void data() throws Exception {
        Path data = new SyntheticDefectGenerator(48, 7).write(dir.resolve("line"), 16, 3, 2);
        config = Files.writeString(dir.resolve("line.yaml"), """
                data: {layout: mvtec, root: %s, imageSize: 48, validationFraction: 0.25}
                model: {encoder: tiny, decoder: {width: 8, bottleneck: 8, depth: 1}}
                train: {epochs: 1, batchSize: 8}
                scoring: {sigma: 1, batchSize: 8}
                """.formatted(data.toString().replace('\\', '/')));
    }

    @Test
    void everySizeIsTrainedOnItsSubsetForAboutTheSameStepsAndComparedWithTheLargest() throws Exception {
        Path reports = dir.resolve("reports-all");
        assertThat(Cli.run(new BenchmarkCommand(), "training-size", "--config", config.toString(), "--sizes", "3,all,6",
                "--reports", reports.toString())).isZero();
        JsonNode json = new ObjectMapper().readTree(reports.resolve("benchmarks/training-size-line.json").toFile());
        assertThat(json.get("training_normals").asInt()).isEqualTo(12);
        JsonNode sizes = json.get("sizes");
        assertThat(sizes).hasSize(3);
        int[] images = {12, 6, 3}; // largest first
        int[] epochs = {1, 2, 4};  // 1 epoch x 12 / size
        for (int i = 0; i < 3; i++) {
            JsonNode s = sizes.get(i);
            assertThat(s.get("images").asInt()).isEqualTo(images[i]);
            assertThat(s.get("epochs").asInt()).isEqualTo(epochs[i]);
            Path run = Path.of(s.get("runDir").asText());
            // each row is its own Train run, on that many images for that many epochs
            assertThat(Files.readString(run.resolve("config.yaml"))).contains("maxTrainImages: " + images[i]).contains("epochs: " + epochs[i]);
            JsonNode history = new ObjectMapper().readTree(run.resolve("history.json").toFile());
            assertThat(history.get("train_loss")).hasSize(epochs[i]);
            JsonNode metrics = new ObjectMapper().readTree(run.resolve("metrics.json").toFile());
            assertThat(s.get("testImageAuroc").asDouble()).isEqualTo(metrics.get("image_AUROC").asDouble());
            assertThat(s.get("validationImageAuroc").asDouble()).isEqualTo(metrics.get("validation_image_AUROC").asDouble());
        }
        JsonNode compared = json.get("validation_against_largest");
        assertThat(compared.has("12")).isFalse();
        for (String n : List.of("6", "3")) {
            JsonNode d = compared.get(n);
            double expected = sizes.get(n.equals("6") ? 1 : 2).get("validationImageAuroc").asDouble()
                    - sizes.get(0).get("validationImageAuroc").asDouble();
            assertThat(d.get("difference").asDouble()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(d.get("lower").asDouble()).isLessThanOrEqualTo(d.get("difference").asDouble());
        }
        assertThat(Files.readString(reports.resolve("benchmarks/training-size-line.md"))).contains("| 12 | 1 | ")
                .contains("| 6 | 2 | ").contains("| 3 | 4 | ").contains("sizes: 3 of 3 planned");
    }

    @Test
    void aStoppedSuiteResumesWithTheSizesItFinished() throws Exception {
        Path reports = dir.resolve("reports-resume");
        TrainingSizeBenchmark.Result first = TrainingSizeBenchmark.run(config, List.of("all", "6"), List.of(), reports, "first", false);
        TrainingSizeBenchmark.Result second = TrainingSizeBenchmark.run(config, List.of("all", "6", "3"), List.of(), reports, "more", true);
        assertThat(second.sizes()).extracting(TrainingSizeBenchmark.SizeResult::images).containsExactly(12, 6, 3);
        assertThat(second.sizes().subList(0, 2)).as("kept, not trained again").isEqualTo(first.sizes());
        assertThat(second.againstLargest()).containsKeys(6, 3);
        assertThatThrownBy(() -> TrainingSizeBenchmark.run(config, List.of("all"), List.of("train.batchSize=4"), reports, "x", true))
                .isInstanceOf(AnomalyException.class).hasMessageContaining("made with another config");
    }

    @Test
    void withoutSizesASmallLineGetsTheDefaultsItHolds() {
        TrainingSizeBenchmark.Result r = TrainingSizeBenchmark.run(config, null, List.of(), dir.resolve("reports-default"), "x", false);
        assertThat(r.sizes()).extracting(TrainingSizeBenchmark.SizeResult::images).containsExactly(12); // 50, 100, 200 > 12
    }

    @Test
    void badSizesAndKeysTheSuiteSetsAreRefusedBeforeAnyWork() {
        Path reports = dir.resolve("reports-bad");
        assertThatThrownBy(() -> TrainingSizeBenchmark.run(config, List.of("13"), List.of(), reports, "x", false))
                .isInstanceOf(AnomalyException.class).hasMessageContaining("13 images, but the training split holds 12");
        assertThatThrownBy(() -> TrainingSizeBenchmark.run(config, List.of("fifty"), List.of(), reports, "x", false))
                .hasMessageContaining("'fifty' is not a number of images");
        assertThatThrownBy(() -> TrainingSizeBenchmark.run(config, List.of("3"), List.of("data.maxTrainImages=5"), reports, "x", false))
                .hasMessageContaining("--set data.maxTrainImages");
        assertThatThrownBy(() -> TrainingSizeBenchmark.run(config, List.of("3"), List.of("data.validationFraction=0"), reports, "x", false))
                .hasMessageContaining("needs one");
        assertThat(Cli.run(new BenchmarkCommand(), "training-size", "--reports", reports.toString())).isEqualTo(2);
        assertThat(reports).doesNotExist();
    }

    @Test
    void theSizesComeLargestFirstOnceEachAndTheEpochsScaleWithACap() {
        assertThat(TrainingSizeBenchmark.resolve(List.of("50", "all", "200", "50"), 686)).containsExactly(686, 200, 50);
        assertThat(TrainingSizeBenchmark.defaults(686)).containsExactly("50", "100", "200", "all");
        assertThat(TrainingSizeBenchmark.defaults(120)).as("a small line: the sizes it holds").containsExactly("50", "100", "all");
        assertThat(TrainingSizeBenchmark.epochsFor(8, 686, 686)).isEqualTo(8);
        assertThat(TrainingSizeBenchmark.epochsFor(8, 686, 50)).isEqualTo(110); // 8 x 686 / 50 = 109.8
        assertThat(TrainingSizeBenchmark.epochsFor(8, 686, 5)).isEqualTo(TrainingSizeBenchmark.MAX_EPOCHS);
    }
}
