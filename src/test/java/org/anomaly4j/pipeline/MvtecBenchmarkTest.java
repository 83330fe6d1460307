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

/** The MVTec AD suite over a folder of small synthetic categories, with the tiny encoder. */
class MvtecBenchmarkTest {
    @TempDir
    static Path dir;
    static Path root;
    static Path config;

    @BeforeAll
    static void categories() throws Exception {
        root = dir.resolve("collection");
        new SyntheticDefectGenerator(48, 1).write(root.resolve("alpha"), 12, 3, 2);
        new SyntheticDefectGenerator(48, 2).write(root.resolve("beta"), 12, 3, 2);
        Files.createDirectories(root.resolve("notes")); // not a category: no train/good
        config = Files.writeString(dir.resolve("tiny.yaml"), """
                data: {layout: mvtec, imageSize: 48, validationFraction: 0.25}
                model: {encoder: tiny, decoder: {width: 8, bottleneck: 8, depth: 1}}
                train: {epochs: 1, batchSize: 8}
                scoring: {sigma: 1, batchSize: 8}
                """);
    }

    @Test
    void everyCategoryIsTrainedAndTabledWithTheMeans() throws Exception {
        assertThat(MvtecBenchmark.categories(root)).containsExactly("alpha", "beta");
        Path reports = dir.resolve("reports-all");
        assertThat(Cli.run(new BenchmarkCommand(), "mvtec", "--root", root.toString(), "--config", config.toString(),
                "--reports", reports.toString())).isZero();
        Path md = reports.resolve("benchmarks/mvtec-collection.md");
        JsonNode json = new ObjectMapper().readTree(reports.resolve("benchmarks/mvtec-collection.json").toFile());
        assertThat(json.get("categories")).hasSize(2);
        double sum = 0;
        for (JsonNode c : json.get("categories")) {
            // each row is its own Train run's figure
            JsonNode run = new ObjectMapper().readTree(Path.of(c.get("runDir").asText()).resolve("metrics.json").toFile());
            assertThat(c.get("imageAuroc").asDouble()).isEqualTo(run.get("image_AUROC").asDouble());
            assertThat(c.get("pixelAupro").asDouble()).isEqualTo(run.get("pixel_AUPRO").asDouble());
            sum += c.get("imageAuroc").asDouble();
        }
        assertThat(json.get("mean_image_AUROC").asDouble()).isCloseTo(sum / 2, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(Files.readString(md)).contains("| alpha | ").contains("| beta | ").contains("| **mean** | **")
                .contains("categories: 2 of 2 planned").doesNotContain("notes");
    }

    @Test
    void aFailedCategoryIsListedAndTheOthersStillRun() throws Exception {
        Path broken = dir.resolve("with-broken");
        new SyntheticDefectGenerator(48, 3).write(broken.resolve("good-one"), 12, 3, 2);
        Files.createDirectories(broken.resolve("empty/train/good"));
        Path reports = dir.resolve("reports-broken");
        assertThatThrownBy(() -> MvtecBenchmark.run(broken, MvtecBenchmark.categories(broken), config, List.of(), reports, "test"))
                .isInstanceOf(AnomalyException.class).hasMessageContaining("1 of 2 categories failed: empty (")
                .hasMessageContaining("mvtec-with-broken.md");
        String md = Files.readString(reports.resolve("benchmarks/mvtec-with-broken.md"));
        assertThat(md).contains("| empty | failed: ").contains("| good-one | 0.").contains("1 failed (means over the others)");
    }

    @Test
    void aStoppedSuiteResumesWithWhatItFinishedAndRunsTheRest() throws Exception {
        Path stopped = dir.resolve("stopped");
        new SyntheticDefectGenerator(48, 4).write(stopped.resolve("done"), 12, 3, 2);
        Files.createDirectories(stopped.resolve("broken/train/good")); // fails: no images
        Path reports = dir.resolve("reports-resume");
        List<String> all = List.of("done", "broken");
        assertThatThrownBy(() -> MvtecBenchmark.run(stopped, all, config, List.of(), reports, "first")).isInstanceOf(AnomalyException.class);
        Path json = reports.resolve("benchmarks/mvtec-stopped.json");
        JsonNode first = new ObjectMapper().readTree(json.toFile()).get("categories");

        assertThatThrownBy(() -> MvtecBenchmark.run(stopped, all, config, List.of("train.epochs=2"), reports, "other", true))
                .isInstanceOf(AnomalyException.class).hasMessageContaining("made with another config");
        assertThatThrownBy(() -> MvtecBenchmark.run(stopped, all, config, List.of(), dir.resolve("no-table"), "x", true))
                .isInstanceOf(AnomalyException.class).hasMessageContaining("no suite table");

        new SyntheticDefectGenerator(48, 5).write(stopped.resolve("broken"), 12, 3, 2); // mended
        MvtecBenchmark.Result r = MvtecBenchmark.run(stopped, all, config, List.of(), reports, "resumed", true);
        assertThat(r.categories()).extracting(MvtecBenchmark.CategoryResult::category).containsExactly("done", "broken");
        assertThat(r.categories().get(0).runDir()).as("kept, not trained again").isEqualTo(first.get(0).get("runDir").asText());
        assertThat(r.categories().get(0).imageAuroc()).isEqualTo(first.get(0).get("imageAuroc").asDouble());
        assertThat(r.categories().get(1).failed()).as("the failed category ran again").isFalse();
        try (var runs = Files.list(reports)) {
            assertThat(runs.filter(p -> p.getFileName().toString().startsWith("mvtec-done-")).count()).isEqualTo(1);
        }
        assertThat(Files.readString(reports.resolve("benchmarks/mvtec-stopped.md"))).contains("categories: 2 of 2 planned")
                .doesNotContain("failed");
    }

    @Test
    void anUnknownCategoryOrRootStopsBeforeAnyWork() {
        assertThatThrownBy(() -> MvtecBenchmark.run(root, List.of("alpha", "gamma"), config, List.of(), dir.resolve("r"), "test"))
                .isInstanceOf(AnomalyException.class).hasMessageContaining("no category gamma").hasMessageContaining("alpha, beta");
        assertThat(dir.resolve("r")).doesNotExist();
        assertThatThrownBy(() -> MvtecBenchmark.run(root, List.of("alpha"), config, List.of("data.root=elsewhere"), dir.resolve("r"), "test"))
                .isInstanceOf(AnomalyException.class).hasMessageContaining("--set data.root");
        assertThatThrownBy(() -> MvtecBenchmark.categories(dir.resolve("nowhere"))).hasMessageContaining("nowhere");
        assertThatThrownBy(() -> MvtecBenchmark.categories(root.resolve("notes"))).hasMessageContaining("no category under");
    }
}
