package org.anomaly4j.pipeline;

import org.anomaly4j.cli.Cli;
import org.anomaly4j.cli.TrainCommand;
import org.anomaly4j.config.ConfigLoader;
import org.anomaly4j.config.HfrConfig;
import org.anomaly4j.data.SyntheticDefectGenerator;
import org.anomaly4j.report.RunDirectory;
import org.anomaly4j.scoring.Thresholds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new line has good images only: training needs nothing else (validation defects are synthetic), and the test split
 * of good images is reported by what it can measure, the false positives at the stored threshold.
 */
class GoodImagesOnlyTest {
    private static final List<String> SMALL = List.of("data.imageSize=40", "data.validationFraction=0.25", "model.encoder=tiny",
            "model.decoder.width=8", "model.decoder.bottleneck=8", "model.decoder.depth=1", "train.epochs=1", "train.batchSize=8",
            "scoring.sigma=2", "scoring.batchSize=8");

    @TempDir
    Path dir;

    @Test
    void anMvtecCategoryWithTestGoodOnlyTrainsAndReportsFalsePositives() throws Exception {
        Path data = new SyntheticDefectGenerator(40, 4).write(dir.resolve("data"), 16, 10, 2);
        for (String gone : List.of("test/scratch", "test/spot", "ground_truth")) {
            RunDirectory.deleteTree(data.resolve(gone));
        }
        HfrConfig cfg = ConfigLoader.load(null, with("data.root=" + data));
        TrainService.Result r = TrainService.run(cfg, "test", dir.resolve("reports"), "good-only");
        assertThat(r.evaluation().metrics().anomalous()).isZero();
        assertThat(r.evaluation().metrics().images()).isEqualTo(10);
        assertThat(r.evaluation().metrics().imageAuroc()).isNaN();
        Thresholds t = r.validation().fitted();
        long flagged = r.evaluation().scores().stream().filter(s -> s.score() >= t.image()).count();
        String summary = Files.readString(r.runDir().resolve("summary.md"));
        assertThat(summary).contains(String.format("| good images flagged at that threshold (false positives) | %d of 10 (%.1f %%) |",
                flagged, 10.0 * flagged)).contains(Evaluator.NORMALS_ONLY);
        assertThat(Files.readString(r.runDir().resolve("metrics.json"))).contains("\"test_normals_flagged_at_threshold\" : " + flagged);
        assertThat(Files.readString(r.runDir().resolve("index.html"))).contains("good images flagged at that threshold");
        double line = r.evaluation().thresholdForNormalFpr(0.01); // 1 % of 10: none let through
        assertThat(r.evaluation().scores()).allMatch(s -> s.score() < line);
        assertThat(summary).contains("Predict --image-threshold " + Float.toString((float) line)).contains("(0 of 10)");
        assertThat(r.runDir().resolve("model.zip")).isRegularFile();
        assertThat(ModelStore.load(r.runDir().resolve("model.zip")).thresholds()).as("stored for Predict").isNotNull();
    }

    @Test
    void theFoldersLayoutWithoutAnAbnormalFolderTestsTheHeldOutNormals() throws Exception {
        Path data = new SyntheticDefectGenerator(40, 5).write(dir.resolve("gen"), 20, 1, 1);
        Path normal = Files.createDirectories(dir.resolve("line/normal"));
        try (Stream<Path> s = Files.list(data.resolve("train/good"))) {
            for (Path p : s.toList()) {
                Files.copy(p, normal.resolve(p.getFileName()));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        int code;
        try {
            System.setOut(new PrintStream(out, true));
            List<String> args = new java.util.ArrayList<>(List.of("--set", "data.layout=folders", "--set", "data.root=" + dir.resolve("line"),
                    "--set", "data.testNormalFraction=0.25", "--reports", dir.resolve("reports").toString(), "--run-id", "folders"));
            SMALL.forEach(k -> args.addAll(List.of("--set", k)));
            args.addAll(List.of("--config", Path.of("hyperparams/mvtec-ad.yaml").toString()));
            code = Cli.run(new TrainCommand(args.toArray(String[]::new)), args.toArray(String[]::new));
        } finally {
            System.setOut(old);
        }
        assertThat(code).as(out.toString()).isZero();
        assertThat(out.toString()).contains("test split: good images only")
                .containsPattern("good test images flagged at the stored threshold \\(false positives\\): \\d+ of 5 ");
        assertThat(Files.readString(dir.resolve("reports/folders/metrics.json"))).contains("\"test_anomalous\" : 0");
    }

    private static List<String> with(String... more) {
        List<String> all = new java.util.ArrayList<>(SMALL);
        all.addAll(List.of(more));
        return all;
    }
}
