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
}
