package org.anomaly4j.perf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The performance benchmark end to end with the tiny encoder: a probe JVM runs and the table is written. Timings are not checked. */
class PerformanceBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void probeRunsInItsOwnJvmAndTheTableIsWritten() throws Exception {
        Path md = PerformanceBenchmark.run(new PerformanceBenchmark.Options(List.of("tiny"), 48, 4, 1, 1, 8, false), dir, "test-command");
        String table = Files.readString(md);
        assertThat(table).contains("| tiny | ").contains("test-command").contains("peak RSS");
        String row = table.lines().filter(l -> l.startsWith("| tiny |")).findFirst().orElseThrow();
        String[] cells = row.split("\\|");
        assertThat(Double.parseDouble(cells[2].trim())).as("encoder img/s").isPositive();
        assertThat(Double.parseDouble(cells[5].trim())).as("targets img/s").isPositive();
        assertThat(Double.parseDouble(cells[6].trim())).as("scoring img/s").isPositive();
        assertThat(Long.parseLong(cells[11].trim())).as("peak RSS MB").isPositive();
        assertThat(dir.resolve("benchmarks/performance.json")).isRegularFile();
    }

    @Test
    void theFasterOfTheTwoPyTorchRunsCounts() {
        Map<String, Map<String, Object>> before = Map.of("vgg16", Map.of("imagesPerSecond", 6.5), "squeezenet", Map.of("imagesPerSecond", 130.0));
        Map<String, Map<String, Object>> after = Map.of("vgg16", Map.of("imagesPerSecond", 7.1), "squeezenet", Map.of("imagesPerSecond", 80.0));
        Map<String, Map<String, Object>> best = PerformanceBenchmark.faster(before, after);
        assertThat(best.get("vgg16").get("imagesPerSecond")).isEqualTo(7.1);
        assertThat(best.get("squeezenet").get("imagesPerSecond")).isEqualTo(130.0);
        assertThat(best.get("vgg16").get("imagesPerSecondRuns")).isEqualTo(List.of(6.5, 7.1));
        assertThat(PerformanceBenchmark.faster(Map.of(), after).get("vgg16").get("imagesPerSecond")).isEqualTo(7.1);
    }
}
