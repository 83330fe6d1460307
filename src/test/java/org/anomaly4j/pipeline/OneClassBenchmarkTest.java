package org.anomaly4j.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.anomaly4j.config.ConfigLoader;
import org.anomaly4j.config.HfrConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OneClassBenchmarkTest {

    @Test
    void theSuiteTableHasEveryClassTheMeanAndTheAnchors(@TempDir Path dir) throws Exception {
        HfrConfig cfg = ConfigLoader.load(null, List.of("data.layout=one-class", "data.imageSize=64", "train.epochs=5"));
        List<OneClassBenchmark.ClassResult> results = List.of(
                new OneClassBenchmark.ClassResult("0", 0.90, 0.80, 10, "r0"),
                new OneClassBenchmark.ClassResult("1", 0.70, 0.60, 12, "r1"));
        OneClassBenchmark.write("mnist", cfg, results, 25, "the command", dir);
        String md = Files.readString(dir.resolve("one-class-mnist.md"));
        assertThat(md).contains("| 0 | 0.9000 | 0.8000 | 10 |").contains("| **mean** | **0.8000** | 0.7000 | 25 |")
                .contains("RD4AD 99.3").contains("classes run: 2 (NOT the full suite)").contains("the command");
        JsonNode json = new ObjectMapper().readTree(dir.resolve("one-class-mnist.json").toFile());
        assertThat(json.get("mean_image_AUROC").asDouble()).isCloseTo(0.80, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(json.get("epochs").asInt()).isEqualTo(5);
        assertThat(json.get("command").asText()).isEqualTo("the command");
    }

    @Test
    void aStoppedSuiteResumesWithTheClassesItFinished(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("two-classes");
        java.util.Random random = new java.util.Random(1);
        for (String split : List.of("train", "test")) {
            for (String c : List.of("a", "b")) {
                Path folder = Files.createDirectories(data.resolve(split).resolve(c));
                for (int i = 0; i < 8; i++) {
                    java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(32, 32, java.awt.image.BufferedImage.TYPE_INT_RGB);
                    for (int p = 0; p < 32 * 32; p++) {
                        int v = c.equals("a") ? 60 + random.nextInt(40) : random.nextInt(256);
                        img.setRGB(p % 32, p / 32, v * 0x010101);
                    }
                    javax.imageio.ImageIO.write(img, "png", folder.resolve(i + ".png").toFile());
                }
            }
        }
        Path config = Files.writeString(dir.resolve("tiny.yaml"), "data: {layout: one-class, source: cifar10-folders, root: " + data
                + ", imageSize: 32, validationFraction: 0.25}\nmodel: {encoder: tiny, decoder: {width: 8, bottleneck: 8, depth: 1}}\n"
                + "train: {epochs: 1, batchSize: 8}\nscoring: {sigma: 1, batchSize: 8}\n");
        Path reports = dir.resolve("reports");
        List<OneClassBenchmark.ClassResult> first = OneClassBenchmark.run("two", config, List.of("a"), List.of(), reports, "first");
        assertThat(reports.resolve("benchmarks/one-class-two.json")).as("written after each class").isRegularFile();

        List<OneClassBenchmark.ClassResult> resumed = OneClassBenchmark.run("two", config, List.of("a", "b"), List.of(), reports,
                "resumed", true);
        assertThat(resumed).extracting(OneClassBenchmark.ClassResult::normalClass).containsExactly("a", "b");
        assertThat(resumed.get(0)).as("kept as it was").isEqualTo(first.get(0));
        try (var runs = Files.list(reports)) {
            assertThat(runs.filter(p -> p.getFileName().toString().startsWith("oneclass-two-a-")).count()).isEqualTo(1);
        }
        assertThat(Files.readString(reports.resolve("benchmarks/one-class-two.md"))).contains("| a | ").contains("| b | ");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OneClassBenchmark.run("two", config, List.of("a"),
                List.of("train.epochs=3"), reports, "other", true)).hasMessageContaining("made with another config");
    }
}
