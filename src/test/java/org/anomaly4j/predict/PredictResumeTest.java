package org.anomaly4j.predict;

import org.anomaly4j.AnomalyException;
import org.anomaly4j.cli.Cli;
import org.anomaly4j.cli.PredictCommand;
import org.anomaly4j.config.ConfigLoader;
import org.anomaly4j.config.HfrConfig;
import org.anomaly4j.data.SyntheticDefectGenerator;
import org.anomaly4j.pipeline.ModelStore;
import org.anomaly4j.pipeline.TrainService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A Predict run stopped part way keeps what it scored, and {@code --resume} scores only the rest, to the same files as a
 * run that was never stopped; it is refused for another model, other inputs or other output options.
 */
class PredictResumeTest {
    private static final int BATCH = 4;
    @TempDir
    static Path dir;
    static ModelStore.Loaded loaded;
    static List<Path> inputs;
    static final PredictService.Options MASKS = new PredictService.Options(false, true, PredictService.Overlays.ALL, Double.NaN, 0, false);
    static final PredictService.Options RESUME = new PredictService.Options(false, true, PredictService.Overlays.ALL, Double.NaN, 0, true);

    @BeforeAll
    static void train() {
        Path data = new SyntheticDefectGenerator(40, 9).write(dir.resolve("data"), 16, 6, 4);
        HfrConfig cfg = ConfigLoader.load(null, List.of("data.root=" + data, "data.imageSize=40", "data.validationFraction=0.25",
                "model.encoder=tiny", "model.decoder.width=8", "model.decoder.bottleneck=8", "model.decoder.depth=1",
                "train.epochs=1", "train.batchSize=8", "scoring.sigma=2", "scoring.batchSize=" + BATCH));
        Path zip = TrainService.run(cfg, "test", dir.resolve("reports"), "train").runDir().resolve("model.zip");
        loaded = ModelStore.load(zip);
        inputs = PredictInputs.expand(List.of(data.resolve("test").toString()));
        assertThat(inputs.size()).as("several batches").isGreaterThan(3 * BATCH);
    }

    private static PredictService.Result predict(PredictService.Options options, String id, java.util.function.IntConsumer afterBatch) {
        return PredictService.run(loaded, inputs, options, "test " + id, dir.resolve("reports"), id, afterBatch);
    }

    @Test
    void aStoppedRunResumesToTheFilesOfARunNeverStopped() throws Exception {
        Path whole = predict(MASKS, "whole", n -> {
        }).runDir();

        assertThatThrownBy(() -> predict(MASKS, "cut", n -> {
            if (n >= 2 * BATCH) {
                throw new IllegalStateException("simulated crash");
            }
        })).isInstanceOf(AnomalyException.class).hasMessageContaining("Predict stopped after " + 2 * BATCH + " of " + inputs.size())
                .hasMessageContaining("simulated crash").hasMessageContaining("--resume --run-id cut");
        Path kept = dir.resolve("reports/.incomplete-cut");
        assertThat(dir.resolve("reports/cut")).doesNotExist();
        assertThat(Files.readAllLines(kept.resolve(PredictJournal.PREDICTIONS))).hasSize(1 + 2 * BATCH);
        // a crash while the next batch was recorded: its regions rows written, its predictions row cut off
        String next = PredictionsCsv.quoted(inputs.get(2 * BATCH));
        Files.writeString(kept.resolve(PredictJournal.REGIONS), next + ",1,0,0,1,1,1,9.5\n", StandardOpenOption.APPEND);
        Files.writeString(kept.resolve(PredictJournal.PREDICTIONS), next + ",3.2", StandardOpenOption.APPEND);

        assertThatThrownBy(() -> predict(MASKS, "cut", n -> {
        })).as("without --resume").isInstanceOf(AnomalyException.class).hasMessageContaining("--resume");
        assertThatThrownBy(() -> predict(new PredictService.Options(false, false, PredictService.Overlays.ALL, Double.NaN, 0, true),
                "cut", n -> {
                })).isInstanceOf(AnomalyException.class).hasMessageContaining("other output options");
        assertThatThrownBy(() -> PredictService.run(loaded, inputs.subList(1, inputs.size()), RESUME, "test", dir.resolve("reports"), "cut"))
                .isInstanceOf(AnomalyException.class).hasMessageContaining("usable inputs then");
        assertThat(kept.resolve(PredictJournal.PREDICTIONS)).as("kept through the refusals").isRegularFile();

        AtomicInteger scoredNow = new AtomicInteger();
        PredictService.Result resumed = predict(RESUME, "cut", scoredNow::set);
        assertThat(resumed.resumed()).isEqualTo(2 * BATCH);
        assertThat(scoredNow.get()).isEqualTo(inputs.size() - 2 * BATCH);
        assertThat(kept).doesNotExist();
        for (String f : List.of("predictions.csv", "regions.csv")) {
            assertThat(resumed.runDir().resolve(f)).as(f).hasSameTextualContentAs(whole.resolve(f));
        }
        assertThat(Files.readAllLines(resumed.runDir().resolve("regions.csv")).size()).as("some regions").isGreaterThan(1);
        for (String folder : List.of("overlays", "masks")) {
            List<String> names = names(whole.resolve(folder));
            assertThat(names(resumed.runDir().resolve(folder))).isEqualTo(names).hasSize(inputs.size());
            for (String n : names) {
                assertThat(resumed.runDir().resolve(folder).resolve(n)).hasSameBinaryContentAs(whole.resolve(folder).resolve(n));
            }
        }
        assertThat(Files.readString(resumed.runDir().resolve("metrics.json"))).contains("\"scored_before_resume\" : " + 2 * BATCH);
        assertThat(Files.readAllLines(resumed.runDir().resolve("command.txt"))).containsExactly("test cut", "test cut");
        assertThat(names(resumed.runDir())).doesNotContain(PredictJournal.PREDICTIONS, PredictJournal.REGIONS, PredictJournal.STARTED_WITH);
    }

    @Test
    void resumeNeedsAnInterruptedRun() {
        assertThatThrownBy(() -> predict(RESUME, "never-started", n -> {
        })).isInstanceOf(AnomalyException.class).hasMessageContaining("no interrupted run 'never-started'");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        try {
            System.setErr(new PrintStream(err, true));
            assertThat(Cli.run(new PredictCommand(), "--model", loaded.file().toString(), "--resume", inputs.get(0).toString()))
                    .isEqualTo(Cli.USER_ERROR);
        } finally {
            System.setErr(old);
        }
        assertThat(err.toString()).contains("--resume needs the --run-id");
    }

    private static List<String> names(Path folder) throws java.io.IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
