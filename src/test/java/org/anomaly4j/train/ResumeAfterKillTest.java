package org.anomaly4j.train;

import org.anomaly4j.AnomalyException;
import org.anomaly4j.TestClasspath;
import org.anomaly4j.config.ConfigLoader;
import org.anomaly4j.config.HfrConfig;
import org.anomaly4j.data.SyntheticDefectGenerator;
import org.anomaly4j.pipeline.TrainOptions;
import org.anomaly4j.pipeline.TrainService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A Train run in a separate JVM is killed with SIGKILL during epoch 3; {@code --resume} continues
 * from the epoch-2 checkpoint (parameters, Adam state, batch order) and ends with the metrics of an
 * uninterrupted run with the same seed.
 */
class ResumeAfterKillTest {
    private static final int EPOCHS = 5;

    @TempDir
    Path dir;

    @Test
    void killedRunResumesToTheSameResult() throws Exception {
        Path data = new SyntheticDefectGenerator(48, 9).write(dir.resolve("data"), 64, 6, 4);
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, String.join("\n", "data:", "  root: " + data, "  imageSize: 48",
                "model:", "  encoder: tiny", "  decoder:", "    width: 16", "    bottleneck: 8", "    depth: 1",
                "train:", "  epochs: " + EPOCHS, "  batchSize: 4", "scoring:", "  sigma: 2", "  batchSize: 8", ""));
        Path reports = dir.resolve("reports");

        List<String> cmd = new ArrayList<>(List.of(TestClasspath.java(), "-Xmx1g", "-cp",
                String.join(java.io.File.pathSeparator, TestClasspath.full()), "Train",
                "--config", config.toString(), "--reports", reports.toString(), "--run-id", "killed"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        Path epoch2 = reports.resolve(".checkpoints/killed/epoch-2");
        long deadline = System.currentTimeMillis() + 300_000;
        while (!Files.isDirectory(epoch2) && p.isAlive() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(Files.isDirectory(epoch2)).as("epoch-2 checkpoint appeared; child log:%n%s",
                Files.exists(dir.resolve("child.log")) ? Files.readString(dir.resolve("child.log")) : "").isTrue();
        p.destroyForcibly(); // SIGKILL: no shutdown hooks, no cleanup
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("killed, not finished").isEqualTo(137);
        assertThat(reports.resolve("killed")).doesNotExist();
        assertThat(reports.resolve(".incomplete-killed")).isDirectory();

        HfrConfig cfg = ConfigLoader.load(config, List.of());
        assertThatThrownBy(() -> TrainService.run(cfg, "again", reports, "killed"))
                .isInstanceOf(AnomalyException.class).hasMessageContaining("--resume");
        HfrConfig other = ConfigLoader.load(config, List.of("train.learningRate=0.002"));
        assertThatThrownBy(() -> TrainService.run(other, "resume", reports, "killed", new TrainOptions(true, null, false)))
                .isInstanceOf(AnomalyException.class).hasMessageContaining("another config").hasMessageContaining("learningRate");

        TrainService.Result resumed = TrainService.run(cfg, "resume", reports, "killed", new TrainOptions(true, null, false));
        TrainService.Result straight = TrainService.run(cfg, "straight", reports, "straight");

        assertThat(resumed.history().trainLoss()).hasSize(EPOCHS);
        assertThat(resumed.history().trainLoss().get(0)).isEqualTo(straight.history().trainLoss().get(0));
        assertThat(resumed.history().bestEpoch()).isEqualTo(straight.history().bestEpoch());
        var a = resumed.evaluation().metrics();
        var b = straight.evaluation().metrics();
        assertThat(a.imageAuroc()).isCloseTo(b.imageAuroc(), org.assertj.core.data.Offset.offset(0.005));
        assertThat(a.pixelAuroc()).isCloseTo(b.pixelAuroc(), org.assertj.core.data.Offset.offset(0.005));
        assertThat(a.pixelAupro()).isCloseTo(b.pixelAupro(), org.assertj.core.data.Offset.offset(0.005));
        assertThat(reports.resolve(".checkpoints/killed")).doesNotExist(); // removed once the run completed
        assertThat(reports.resolve("killed/ui-stats.dl4j")).isRegularFile();
    }
}
