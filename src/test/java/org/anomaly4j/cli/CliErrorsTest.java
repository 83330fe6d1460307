package org.anomaly4j.cli;

import org.anomaly4j.data.SyntheticDefectGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input: exit code 2, one message naming the file or key and the fix, no stack trace, nothing left in reports/. */
class CliErrorsTest {
    @TempDir
    Path dir;

    private record Outcome(int code, String err) {
    }

    private Outcome train(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        CommandLine.Help.Ansi ansi = CommandLine.Help.Ansi.OFF;
        try {
            System.setErr(new PrintStream(err, true));
            String[] all = Stream.concat(Stream.of(args), Stream.of("--reports", dir.resolve("reports").toString())).toArray(String[]::new);
            int code = Cli.run(new TrainCommand(all), all);
            return new Outcome(code, err.toString());
        } finally {
            System.setErr(old);
        }
    }

    private void assertNothingWritten() throws Exception {
        Path reports = dir.resolve("reports");
        if (Files.exists(reports)) {
            try (var s = Files.list(reports)) {
                assertThat(s.toList()).isEmpty();
            }
        }
    }

    @Test
    void missingDatasetFolder() throws Exception {
        Outcome o = train("--set", "data.root=" + dir.resolve("missing"), "--set", "data.layout=mvtec");
        assertThat(o.code()).isEqualTo(Cli.USER_ERROR);
        assertThat(o.err()).contains("dataset folder not found").contains("missing").doesNotContain("\tat ");
        assertNothingWritten();
    }

    @Test
    void unknownConfigKeyAndWrongType() throws Exception {
        Path cfg = dir.resolve("c.yaml");
        Files.writeString(cfg, "train:\n  epoch: 3\n");
        Outcome o = train("--config", cfg.toString());
        assertThat(o.code()).isEqualTo(Cli.USER_ERROR);
        assertThat(o.err()).contains("train.epoch").contains("unknown key").doesNotContain("\tat ");
        Files.writeString(cfg, "scoring:\n  sigma: wide\n");
        assertThat(train("--config", cfg.toString()).err()).contains("scoring.sigma").contains("wrong type");
        assertNothingWritten();
    }

    @Test
    void emptyTrainGoodAndCorruptImage() throws Exception {
        Path data = new SyntheticDefectGenerator(32, 1).write(dir.resolve("d"), 4, 2, 2);
        Path good = data.resolve("train/good");
        try (var s = Files.list(good)) {
            for (Path p : s.toList()) {
                Files.delete(p);
            }
        }
        Outcome o = train("--set", "data.root=" + data, "--set", "data.layout=mvtec", "--set", "model.encoder=tiny");
        assertThat(o.code()).isEqualTo(Cli.USER_ERROR);
        assertThat(o.err()).contains("no images in").contains("train");
        Files.write(good.resolve("broken.png"), new byte[]{1, 2, 3, 4});
        Files.write(good.resolve("ok.png"), Files.readAllBytes(data.resolve("test/good/000.png")));
        o = train("--set", "data.root=" + data, "--set", "data.layout=mvtec", "--set", "model.encoder=tiny",
                "--set", "data.imageSize=32", "--set", "data.validationFraction=0");
        assertThat(o.code()).isEqualTo(Cli.USER_ERROR);
        assertThat(o.err()).contains("broken.png");
        assertNothingWritten();
    }

    @Test
    void corruptWeightsFileIsNamed() throws Exception {
        Path data = new SyntheticDefectGenerator(32, 1).write(dir.resolve("d"), 4, 2, 2);
        Path weights = dir.resolve("squeezenet.h5");
        Files.write(weights, new byte[]{0, 1, 2, 3, 4, 5});
        Outcome o = train("--set", "data.root=" + data, "--set", "data.layout=mvtec", "--set", "model.weights=" + weights,
                "--set", "data.imageSize=64");
        assertThat(o.code()).isEqualTo(Cli.USER_ERROR);
        assertThat(o.err()).contains("squeezenet.h5");
        assertNothingWritten();
    }

    @Test
    void missingWeightsPathIsNamed() throws Exception {
        Path data = new SyntheticDefectGenerator(32, 1).write(dir.resolve("d"), 4, 2, 2);
        Outcome o = train("--set", "data.root=" + data, "--set", "data.layout=mvtec",
                "--set", "model.weights=" + dir.resolve("nowhere.h5"), "--set", "data.imageSize=64");
        assertThat(o.code()).isEqualTo(Cli.USER_ERROR);
        assertThat(o.err()).contains("weights file not found").contains("nowhere.h5");
        assertNothingWritten();
    }

    @Test
    void evaluateRefusesMissingAndCorruptModels() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        try {
            System.setErr(new PrintStream(err, true));
            String[] args = {"--model", dir.resolve("none.zip").toString(), "--reports", dir.resolve("reports").toString()};
            assertThat(Cli.run(new EvaluateCommand(args), args)).isEqualTo(Cli.USER_ERROR);
            Path junk = dir.resolve("model.zip");
            Files.write(junk, new byte[]{'P', 'K', 3, 4, 9, 9, 9});
            String[] args2 = {"--model", junk.toString(), "--reports", dir.resolve("reports").toString()};
            assertThat(Cli.run(new EvaluateCommand(args2), args2)).isEqualTo(Cli.USER_ERROR);
        } finally {
            System.setErr(old);
        }
        assertThat(err.toString()).contains("model file not found").contains("none.zip")
                .contains("cannot load").contains("model.zip").doesNotContain("\tat ");
        assertNothingWritten();
    }

    @Test
    void anUnknownOptionThatIsAConfigKeySaysHowToSetIt() throws Exception {
        Outcome o = train("--epochs", "5", "--learning-rate=0.01", "--seed", "3");
        assertThat(o.code()).isEqualTo(Cli.USER_ERROR);
        assertThat(o.err()).contains("Unknown options").contains("hint: config keys are set with --set, e.g. --set train.epochs=5 or "
                + "--set train.learningRate=0.01 or --set data.seed=3 or --set train.seed=3");
        assertThat(train("--colour", "red").err()).as("not a config key: no hint").contains("Unknown options").doesNotContain("hint:");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        try {
            System.setErr(new PrintStream(err, true));
            assertThat(Cli.run(new PredictCommand(), "--model", "m.zip", "--epochs", "5", "x")).isEqualTo(Cli.USER_ERROR);
        } finally {
            System.setErr(old);
        }
        assertThat(err.toString()).as("Predict has no --set").contains("Unknown option").doesNotContain("hint:");
        assertNothingWritten();
    }

    @Test
    void helpWorks() {
        assertThat(train("--help").code()).isZero();
    }

    @picocli.CommandLine.Command(name = "thrower")
    static final class RunsOutOfMemory implements java.util.concurrent.Callable<Integer> {
        @picocli.CommandLine.Option(names = "--verbose")
        boolean verbose;

        @Override
        public Integer call() {
            throw new OutOfMemoryError("Java heap space");
        }
    }

    @Test
    void outOfMemoryNamesTheSettingsThatChangeIt() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = runCapturingErr(new RunsOutOfMemory(), err);
        assertThat(code).isEqualTo(Cli.USER_ERROR);
        assertThat(err.toString()).contains("error: out of memory").contains("Java heap space").contains("MAVEN_OPTS")
                .contains("train.featureCache=false").contains("data.imageSize").doesNotContain("\tat ");
    }

    @picocli.CommandLine.Command(name = "native-thrower")
    static final class NativeAllocationFails implements java.util.concurrent.Callable<Integer> {
        @Override
        public Integer call() {
            // what ND4J's OpaqueDataBuffer.allocateDataBuffer throws when libnd4j's malloc fails
            throw new IllegalStateException("encoding failed",
                    new RuntimeException("Allocation failed: [std::bad_alloc]"));
        }
    }

    @Test
    void nativeAllocationFailureIsOutOfMemoryToo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = runCapturingErr(new NativeAllocationFails(), err);
        assertThat(code).isEqualTo(Cli.USER_ERROR);
        assertThat(err.toString()).contains("error: out of memory").contains("std::bad_alloc").contains("MAVEN_OPTS")
                .doesNotContain("internal error").doesNotContain("\tat ");
    }

    private static int runCapturingErr(Object command, ByteArrayOutputStream err) {
        PrintStream old = System.err;
        try {
            System.setErr(new PrintStream(err, true));
            return Cli.run(command);
        } finally {
            System.setErr(old);
        }
    }
}
