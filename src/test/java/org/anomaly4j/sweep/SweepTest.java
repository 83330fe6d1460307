package org.anomaly4j.sweep;

import org.anomaly4j.AnomalyException;
import org.anomaly4j.config.ConfigLoader;
import org.anomaly4j.data.SyntheticDefectGenerator;
import org.anomaly4j.pipeline.TrainService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An Arbiter random search over decoder depth/width, branch weights and a log-scaled learning rate
 * with the tiny encoder: bounded by the candidate count, a failing candidate is recorded and the
 * sweep goes on, and best.yaml reproduces the best score with an ordinary Train run.
 */
class SweepTest {
    @TempDir
    Path dir;

    @Test
    void randomSearchWritesTableAndReproducibleBestConfig() throws Exception {
        Path data = new SyntheticDefectGenerator(48, 2).write(dir.resolve("data"), 32, 4, 3);
        Path base = dir.resolve("base.yaml");
        Files.writeString(base, String.join("\n", "data:", "  root: " + data, "  imageSize: 48", "  validationFraction: 0.25",
                "model:", "  encoder: tiny", "train:", "  epochs: 2", "  batchSize: 8", "scoring:", "  sigma: 2", "  batchSize: 8", ""));
        Path sweepFile = dir.resolve("sweep.yaml");
        Files.writeString(sweepFile, String.join("\n", "base: " + base, "set: [\"model.decoder.bottleneck=8\"]",
                "search: random", "maxCandidates: 4", "maxMinutes: 30", "seed: 3", "score: validation-pixel-auroc", "space:",
                "  model.decoder.depth: [1, 2]", "  model.decoder.width: [8, 16]",
                "  train.branchWeights: [[1, 1, 1], [2, 1, 0.5], [1, 1]]",
                "  train.learningRate: {min: 0.001, max: 0.01, log: true}", ""));
        SweepSpec spec = SweepSpec.load(sweepFile);
        assertThat(new ConfigSpace(spec.space()).numParameters()).isEqualTo(4);

        SweepService.Result r = SweepService.run(spec, sweepFile, dir.resolve("reports"), "s1", null, "test");

        assertThat(r.rows()).hasSize(4);
        assertThat(new HashSet<>(r.rows().stream().map(SweepRow::overrides).toList())).as("distinct candidates").hasSizeGreaterThan(1);
        for (SweepRow row : r.rows()) {
            double lr = Double.parseDouble(row.overrides().stream().filter(o -> o.startsWith("train.learningRate="))
                    .findFirst().orElseThrow().substring("train.learningRate=".length()));
            assertThat(lr).isBetween(0.001, 0.01);
            boolean twoWeights = row.overrides().contains("train.branchWeights=[1,1]");
            assertThat(row.status()).as(row.toString()).isEqualTo(twoWeights ? "failed" : "complete");
            if (twoWeights) {
                assertThat(row.error()).contains("train.branchWeights: 2 weights for 3 taps");
            }
        }
        String table = Files.readString(r.dir().resolve("table.md"));
        assertThat(table.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| #")).count()).isEqualTo(4);
        assertThat(table).contains("validation-pixel-auroc");
        assertThat(r.dir().resolve("best-model.zip")).isRegularFile();

        TrainService.Result again = TrainService.run(ConfigLoader.load(r.bestYaml(), List.of()), "reproduce",
                dir.resolve("reports"), "reproduce");
        assertThat(again.validation().metrics().pixelAuroc()).isCloseTo(r.best().score(), org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void aStoppedSweepResumesWithoutTrainingAFinishedCandidateAgain() throws Exception {
        Path data = new SyntheticDefectGenerator(48, 6).write(dir.resolve("data"), 16, 2, 2);
        Path base = dir.resolve("base.yaml");
        Files.writeString(base, String.join("\n", "data:", "  root: " + data, "  imageSize: 48", "  validationFraction: 0.25",
                "model:", "  encoder: tiny", "  decoder:", "    bottleneck: 8", "    width: 8", "train:", "  epochs: 1", "  batchSize: 8",
                "scoring:", "  sigma: 1", "  batchSize: 8", ""));
        Path sweepFile = dir.resolve("sweep.yaml");
        String common = String.join("\n", "base: " + base, "search: random", "maxMinutes: 30", "seed: 5",
                "space:", "  model.decoder.depth: [1, 2]", "  train.learningRate: {min: 0.001, max: 0.01, log: true}", "");
        Files.writeString(sweepFile, "maxCandidates: 2\n" + common); // a sweep stopped after two candidates
        SweepService.Result first = SweepService.run(SweepSpec.load(sweepFile), sweepFile, dir.resolve("reports"), "s", null, "first");
        Path candidates = first.dir().resolve("candidates");
        long modified = Files.getLastModifiedTime(candidates.resolve("candidate-000/model.zip")).toMillis();

        assertThatThrownBy(() -> SweepService.run(SweepSpec.load(sweepFile), sweepFile, dir.resolve("reports"), "s", null, "again"))
                .isInstanceOf(AnomalyException.class).hasMessageContaining("--resume");
        Files.writeString(sweepFile, "maxCandidates: 3\n" + common);
        SweepService.Result resumed = SweepService.run(SweepSpec.load(sweepFile), sweepFile, dir.resolve("reports"), "s", null,
                "resumed", true);
        assertThat(resumed.rows()).hasSize(3);
        for (SweepRow row : first.rows()) {
            SweepRow same = resumed.rows().stream().filter(r -> r.index() == row.index()).findFirst().orElseThrow();
            assertThat(same.overrides()).as("the same seed proposes the same candidate").isEqualTo(row.overrides());
            assertThat(same.score()).as("read back, not trained again").isEqualTo(row.score());
        }
        assertThat(Files.getLastModifiedTime(candidates.resolve("candidate-000/model.zip")).toMillis()).isEqualTo(modified);
        assertThat(candidates.resolve("candidate-002/model.zip")).isRegularFile();
        assertThatThrownBy(() -> SweepService.run(SweepSpec.load(sweepFile), sweepFile, dir.resolve("reports"), "none", null, "x", true))
                .isInstanceOf(AnomalyException.class).hasMessageContaining("no sweep 'none' to continue");
    }

    @Test
    void gridSearchEnumeratesTheDiscreteSpace() throws Exception {
        Path data = new SyntheticDefectGenerator(48, 2).write(dir.resolve("data"), 16, 2, 2);
        Path base = dir.resolve("base.yaml");
        Files.writeString(base, String.join("\n", "data:", "  root: " + data, "  imageSize: 48", "  validationFraction: 0.25",
                "model:", "  encoder: tiny", "  decoder:", "    bottleneck: 8", "train:", "  epochs: 1", "  batchSize: 8",
                "scoring:", "  sigma: 1", "  batchSize: 8", ""));
        Path sweepFile = dir.resolve("grid.yaml");
        Files.writeString(sweepFile, String.join("\n", "base: " + base, "search: grid", "maxCandidates: 10", "maxMinutes: 30",
                "space:", "  model.decoder.depth: [1, 2]", "  model.decoder.width: [8]", ""));
        SweepService.Result r = SweepService.run(SweepSpec.load(sweepFile), sweepFile, dir.resolve("reports"), "grid", null, "test");
        assertThat(r.rows()).hasSize(2); // the grid has 2 points: it ends before maxCandidates
        assertThat(r.rows().stream().map(row -> row.overrides().get(0)).toList())
                .containsExactlyInAnyOrder("model.decoder.depth=1", "model.decoder.depth=2");
    }

    @Test
    void unboundedOrMalformedSweepFilesAreRefused() throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "base: x.yaml\nspace:\n  train.epochs: [1, 2]\n");
        assertThatThrownBy(() -> SweepSpec.load(f)).isInstanceOf(AnomalyException.class).hasMessageContaining("always bounded");
        Files.writeString(f, "base: x.yaml\nmaxCandidates: 2\nmaxMinutes: 1\nspaces:\n  train.epochs: [1, 2]\n");
        assertThatThrownBy(() -> SweepSpec.load(f)).isInstanceOf(AnomalyException.class).hasMessageContaining("unknown key 'spaces'");
        Files.writeString(f, "base: x.yaml\nmaxCandidates: 2\nmaxMinutes: 1\nspace:\n  train.learningRate: {min: 0, max: 1, log: true}\n");
        assertThatThrownBy(() -> SweepSpec.load(f)).isInstanceOf(AnomalyException.class).hasMessageContaining("min > 0");
        assertThat(Map.of()).isEmpty();
    }
}
