package org.anomaly4j.cli;

import org.anomaly4j.data.SyntheticDefectGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Train --dry-run checks config, images and weights, says what would be trained on, and writes nothing. */
class TrainDryRunTest {
    @TempDir
    Path dir;

    private record Outcome(int code, String out, String err) {
    }

    private Outcome train(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        try {
            System.setOut(new PrintStream(out, true));
            System.setErr(new PrintStream(err, true));
            return new Outcome(Cli.run(new TrainCommand(args), args), out.toString(), err.toString());
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void aDryRunSaysWhatWouldBeTrainedOnAndWritesNothing() throws Exception {
        Path data = new SyntheticDefectGenerator(40, 8).write(dir.resolve("data"), 12, 3, 2);
        Path reports = dir.resolve("reports");
        Outcome o = train("--config", "hyperparams/mvtec-ad.yaml", "--set", "data.root=" + data, "--set", "model.encoder=tiny",
                "--set", "data.imageSize=40", "--set", "data.validationFraction=0.25", "--reports", reports.toString(), "--dry-run");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).contains("train: 9 normal images").contains("validation: 3 held-out normals")
                .contains("test: 7 images, 4 anomalous {good=3, scratch=2, spot=2}, with masks")
                .contains("encoder: tiny").contains("dry run: nothing trained or written");
        assertThat(reports).doesNotExist();

        Files.write(data.resolve("train/good/broken.png"), new byte[]{1, 2, 3});
        Outcome bad = train("--config", "hyperparams/mvtec-ad.yaml", "--set", "data.root=" + data, "--set", "model.encoder=tiny",
                "--reports", reports.toString(), "--dry-run");
        assertThat(bad.code()).as("a bad image is found by the dry run").isEqualTo(Cli.USER_ERROR);
        assertThat(bad.err()).contains("broken.png");
        assertThat(reports).doesNotExist();
    }
}
