package org.anomaly4j.cli;

import org.anomaly4j.config.ConfigLoader;
import org.anomaly4j.config.HfrConfig;
import org.anomaly4j.data.ImageLoader;
import org.anomaly4j.data.SyntheticDefectGenerator;
import org.anomaly4j.data.TestTiffs;
import org.anomaly4j.model.HfrModelBuilder;
import org.anomaly4j.model.encoder.EncoderCatalogue;
import org.anomaly4j.pipeline.TrainService;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalogue of bad inputs (README "Bad inputs"): every entry point, each case with its exit code,
 * a message that names the file or key and says what to do, no stack trace, and nothing half-written
 * in the reports folder. Each case builds its own broken copy of a small synthetic dataset.
 */
class BadInputCatalogueTest {
    @TempDir
    static Path shared;
    static Path goodData;
    static Path model;
    static Path exported;

    /** One catalogue entry: what is broken, how the entry point is called, what must come out. */
    record Case(String name, String entry, Function<Path, String[]> setup, int exitCode, String... messageContains) {
        @Override
        public String toString() {
            return entry + ": " + name;
        }
    }

    @BeforeAll
    static void trainSmallModel() throws Exception {
        goodData = new SyntheticDefectGenerator(48, 11).write(shared.resolve("good"), 16, 3, 2);
        HfrConfig cfg = ConfigLoader.load(null, List.of("data.root=" + goodData, "data.imageSize=48", "data.validationFraction=0.25",
                "model.encoder=tiny", "model.decoder.width=8", "model.decoder.bottleneck=8", "model.decoder.depth=1",
                "train.epochs=1", "train.batchSize=8", "scoring.sigma=1", "scoring.batchSize=8", "scoring.scoreMode=topk", "scoring.topK=10"));
        model = TrainService.run(cfg, "fixture", shared.resolve("fixture-reports"), "m").runDir().resolve("model.zip");
        exported = shared.resolve("exported.zip");
        assertThat(Cli.run(new ExportCommand(), "--model", model.toString(), "--output", exported.toString(),
                "--set", "scoring.scoreMode=max")).isZero();
    }

    static Stream<Case> catalogue() {
        List<Case> c = new ArrayList<>();
        // --- Train: data ---
        c.add(new Case("missing dataset folder", "Train", d -> train(d, d.resolve("nowhere")), 2, "nowhere", "not found"));
        c.add(new Case("empty train/good", "Train", d -> train(d, dataWith(d, root -> clear(root.resolve("train/good")))), 2,
                "no images in", "train"));
        c.add(new Case("zero-byte image", "Train", d -> train(d, dataWith(d, root -> write(root.resolve("train/good/zero.png"), new byte[0]))), 2,
                "zero.png", "--keep-going"));
        c.add(new Case("truncated PNG", "Train", d -> train(d, dataWith(d, root -> truncate(root.resolve("test/scratch/000.png")))), 2,
                "000.png", "re-export"));
        c.add(new Case("truncated JPEG", "Train", d -> train(d, dataWith(d, root -> {
            write(root.resolve("train/good/photo.jpg"), Arrays.copyOf(jpeg(), 300));
        })), 2, "photo.jpg"));
        c.add(new Case("text file with an image extension", "Train", d -> train(d, dataWith(d, root ->
                write(root.resolve("train/good/notes.png"), "not an image".getBytes()))), 2, "notes.png", "not a decodable image"));
        c.add(new Case("1x1 image", "Train", d -> train(d, dataWith(d, root -> png(root.resolve("train/good/dot.png"), 1, 1))), 2,
                "dot.png", "1x1"));
        c.add(new Case("very large image (header 30000x30000)", "Train", d -> train(d, dataWith(d, root ->
                write(root.resolve("train/good/huge.png"), pngHeaderOnly(30000, 30000)))), 2, "huge.png", "MP limit", "downscale"));
        c.add(new Case("multi-page TIFF", "Train", d -> train(d, dataWith(d, root -> TestTiffs.multiPage(root.resolve("train/good/stack.tif"), 48))), 2,
                "stack.tif", "2 pages"));
        c.add(new Case("floating-point TIFF", "Train", d -> train(d, dataWith(d, root -> ImageIO.write(TestTiffs.floatImage(48), "tiff", root.resolve("test/good/depth.tiff").toFile()))), 2,
                "depth.tiff", "floating-point", "8- or 16-bit"));
        c.add(new Case("mask of another size", "Train", d -> train(d, dataWith(d, root ->
                png(root.resolve("ground_truth/scratch/000_mask.png"), 20, 20))), 2, "000_mask.png", "its image's size"));
        c.add(new Case("non-binary mask", "Train", d -> train(d, dataWith(d, root -> greyPng(root.resolve("ground_truth/spot/000_mask.png")))), 2,
                "000_mask.png", "not binary"));
        c.add(new Case("mask with no image", "Train", d -> train(d, dataWith(d, root -> copy(root.resolve("ground_truth/spot/000_mask.png"),
                root.resolve("ground_truth/spot/077_mask.png")))), 2, "077_mask.png", "has no image"));
        c.add(new Case("defect image with no mask", "Train", d -> train(d, dataWith(d, root -> delete(root.resolve("ground_truth/scratch/001_mask.png")))), 2,
                "001_mask.png", "missing mask"));
        c.add(new Case("empty defect folder", "Train", d -> train(d, dataWith(d, root -> mkdirs(root.resolve("test/dent")))), 2,
                "dent", "remove the empty folder"));
        c.add(new Case("unknown one-class class name", "Train", d -> {
            Path root = d.resolve("cifar");
            for (String split : List.of("train", "test")) {
                for (String cls : List.of("cat", "dog")) {
                    png(root.resolve(split).resolve(cls).resolve("0.png"), 32, 32);
                }
            }
            return trainArgs(d, "--set", "data.layout=one-class", "--set", "data.source=cifar10-folders", "--set", "data.root=" + root,
                    "--set", "data.normalClass=bird");
        }, 2, "data.normalClass", "bird"));
        // --- Train: config ---
        c.add(new Case("YAML syntax error", "Train", d -> trainArgs(d, "--config", text(d.resolve("broken.yaml"), "train:\n  epochs: [3\n")), 2,
                "broken.yaml"));
        c.add(new Case("unknown config key", "Train", d -> trainArgs(d, "--config", text(d.resolve("k.yaml"), "train:\n  epoch: 3\n")), 2,
                "train.epoch", "unknown key"));
        c.add(new Case("wrong type", "Train", d -> trainArgs(d, "--set", "scoring.sigma=wide"), 2, "scoring.sigma", "wrong type"));
        c.add(new Case("out-of-range values, all listed", "Train", d -> trainArgs(d, "--set", "train.epochs=-1", "--set", "scoring.sigma=-2"), 2,
                "train.epochs", "scoring.sigma"));
        c.add(new Case("image size too small for the encoder", "Train", d -> trainArgs(d, "--set", "data.root=" + goodData,
                "--set", "model.encoder=squeezenet", "--set", "model.allowUntrainedEncoder=true", "--set", "data.imageSize=24"), 2, "data.imageSize"));
        c.add(new Case("wrong number of branch weights", "Train", d -> trainArgs(d, "--set", "data.root=" + goodData, "--set", "data.imageSize=48",
                "--set", "model.encoder=tiny", "--set", "train.branchWeights=[1,1]"), 2, "train.branchWeights", "one weight per tap"));
        c.add(new Case("weights file of another encoder", "Train", d -> trainArgs(d, "--set", "data.root=" + goodData, "--set", "data.imageSize=64",
                "--set", "model.encoder=resnet50", "--set", "model.weights=" + text(d.resolve("squeezenet_notop.h5"), "HDF5?")), 2,
                "squeezenet_notop.h5"));
        c.add(new Case("training loss overflows to Infinity", "Train", d -> trainArgs(d, "--set", "data.root=" + goodData, "--set", "data.imageSize=48",
                "--set", "model.encoder=tiny", "--set", "train.epochs=2", "--set", "train.branchWeights=[1e38,1e38,1e38]",
                "--set", "model.normalizeTaps=false"), 2, "training loss became", "train.learningRate"));
        c.add(new Case("disk full while writing the report (simulated with /dev/full)", "Train", d -> {
            mkdirs(d.resolve("reports/.incomplete-full"));
            try {
                Files.createSymbolicLink(d.resolve("reports/.incomplete-full/config.yaml.tmp"), Path.of("/dev/full"));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            return trainArgs(d, "--set", "data.root=" + goodData, "--set", "data.imageSize=48", "--set", "model.encoder=tiny",
                    "--run-id", "full");
        }, 2, "config.yaml", "free disk space"));
        c.add(new Case("run id that is a path", "Train", d -> trainArgs(d, "--run-id", "../escape"), 2, "'../escape' cannot name a folder"));
        c.add(new Case("run id with a sub-folder", "Train", d -> trainArgs(d, "--run-id", "line3/monday"), 2, "line3/monday", "plain name"));
        // --- Evaluate ---
        c.add(new Case("missing model.zip", "Evaluate", d -> args("--model", d.resolve("none.zip").toString(), "--reports", reports(d)), 2,
                "none.zip", "not found"));
        c.add(new Case("random-bytes model.zip", "Evaluate", d -> args("--model", write(d.resolve("junk.zip"), new byte[]{'P', 'K', 3, 4, 1, 2, 3}).toString(),
                "--reports", reports(d)), 2, "junk.zip", "cannot load"));
        c.add(new Case("truncated model.zip", "Evaluate", d -> args("--model", truncate(copy(model, d.resolve("cut.zip"))).toString(),
                "--reports", reports(d)), 2, "cut.zip"));
        c.add(new Case("exported graph instead of model.zip", "Evaluate", d -> args("--model", exported.toString(), "--reports", reports(d)), 2,
                "exported.zip", "model.zip written by Train"));
        c.add(new Case("DL4J zip of another kind", "Evaluate", d -> args("--model", plainDl4jZip(d.resolve("other.zip")).toString(),
                "--reports", reports(d)), 2, "other.zip", "not an anomaly4j model"));
        c.add(new Case("--set of a key the trained model fixes", "Evaluate", d -> args("--model", model.toString(), "--reports", reports(d),
                "--set", "model.decoder.width=16"), 2, "model.decoder.width", "new Train run"));
        // --- Predict ---
        c.add(new Case("undecodable image", "Predict", d -> args("--model", model.toString(), "--reports", reports(d),
                write(d.resolve("in/bad.png"), new byte[]{1, 2, 3}).getParent().toString()), 2, "bad.png", "--keep-going"));
        c.add(new Case("undecodable image with --keep-going", "Predict", d -> {
            copy(goodData.resolve("test/good/000.png"), d.resolve("in/ok.png"));
            write(d.resolve("in/bad.png"), new byte[]{1, 2, 3});
            return args("--model", model.toString(), "--reports", reports(d), "--run-id", "p", "--keep-going", d.resolve("in").toString());
        }, PredictCommand.PARTIAL, "bad.png"));
        c.add(new Case("non-existent input", "Predict", d -> args("--model", model.toString(), "--reports", reports(d),
                d.resolve("missing-folder").toString()), 2, "missing-folder", "no such image"));
        // --- Export ---
        c.add(new Case("top-k scoring cannot be exported", "Export", d -> args("--model", model.toString(), "--output",
                d.resolve("reports/x.zip").toString()), 2, "scoring.scoreMode=max"));
        c.add(new Case("--set of a key the trained model fixes", "Export", d -> args("--model", model.toString(), "--output",
                d.resolve("reports/x.zip").toString(), "--set", "scoring.scoreMode=max", "--set", "data.imageSize=64"), 2, "data.imageSize"));
        c.add(new Case("random-bytes model.zip", "Export", d -> args("--model", write(d.resolve("junk.zip"), new byte[]{9, 9}).toString(),
                "--output", d.resolve("reports/x.zip").toString()), 2, "junk.zip"));
        c.add(new Case("--output is the model itself (it would be replaced by its export)", "Export", d -> {
            Path own = copy(model, d.resolve("own.zip"));
            return args("--model", own.toString(), "--output", own.toString(), "--set", "scoring.scoreMode=max");
        }, 2, "own.zip", "would replace the trained model"));
        c.add(new Case("--output is a folder", "Export", d -> args("--model", model.toString(), "--output", d.toString(),
                "--set", "scoring.scoreMode=max"), 2, "is a folder", "exported.zip"));
        c.add(new Case("--output is a file Export did not write", "Export", d -> args("--model", model.toString(), "--output",
                text(d.resolve("notes.zip"), "mine"), "--set", "scoring.scoreMode=max"), 2, "notes.zip", "not an export"));
        // --- Sweep, Ui, Benchmark ---
        c.add(new Case("missing sweep file", "Sweep", d -> args("--sweep", d.resolve("s.yaml").toString(), "--reports", reports(d)), 2,
                "s.yaml", "not found"));
        c.add(new Case("sweep without bounds", "Sweep", d -> args("--sweep", text(d.resolve("s.yaml"), "base: x.yaml\nspace:\n  train.epochs: [1, 2]\n"),
                "--reports", reports(d)), 2, "maxCandidates", "always bounded"));
        c.add(new Case("missing statistics file", "Ui", d -> args("--file", d.resolve("ui-stats.dl4j").toString()), 2,
                "ui-stats.dl4j", "every Train run writes"));
        c.add(new Case("corrupt statistics file", "Ui", d -> args("--file", write(d.resolve("stats.dl4j"), new byte[]{1, 2, 3, 4}).toString(),
                "--port", "0"), 2, "stats.dl4j"));
        c.add(new Case("random-bytes model.zip", "Info", d -> args("--model", write(d.resolve("junk.zip"), new byte[]{9, 9}).toString()), 2,
                "junk.zip", "not an anomaly4j model"));
        c.add(new Case("a folder that is not a run", "Compare", d -> args(model.getParent().toString(), d.toString()), 2,
                "no scores.csv in", "Train or Evaluate run"));
        c.add(new Case("data.crop larger than the images", "Train", d -> trainArgs(d, "--set", "data.crop=[0, 0, 40, 60]"), 2,
                "data.crop [0, 0, 40, 60] does not fit in", "(48x48)"));
        c.add(new Case("unknown dataset", "Benchmark", d -> args("one-class", "--dataset", "imagenet", "--reports", reports(d)), 2,
                "imagenet", "mnist"));
        return c.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void badInputGivesClearErrorAndLeavesNothingHalfWritten(Case k, @TempDir Path d) throws Exception {
        String[] args = k.setup().apply(d);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        int code;
        try {
            System.setErr(new PrintStream(err, true));
            code = Cli.run(command(k.entry(), args), args);
        } finally {
            System.setErr(old);
        }
        String message = err.toString();
        assertThat(code).as("exit code; stderr:%n%s", message).isEqualTo(k.exitCode());
        for (String part : k.messageContains()) {
            assertThat(message).as("message names '%s'", part).contains(part);
        }
        assertThat(message).as("no stack trace without --verbose").doesNotContain("\tat ");
        Path reports = d.resolve("reports");
        if (Files.isDirectory(reports)) {
            try (Stream<Path> s = Files.walk(reports)) {
                List<String> left = s.filter(Files::isRegularFile).map(p -> reports.relativize(p).toString())
                        .filter(p -> !(k.exitCode() == PredictCommand.PARTIAL && p.startsWith("p/"))) // a finished partial run
                        .toList();
                assertThat(left).as("nothing half-written under reports/").isEmpty();
            }
        }
    }

    @Test
    void oddButUsableImagesAreConvertedNotRefused(@TempDir Path d) throws Exception {
        BufferedImage g16 = new BufferedImage(16, 16, BufferedImage.TYPE_USHORT_GRAY);
        g16.getRaster().setSample(3, 4, 0, 65535);
        ImageIO.write(g16, "png", d.resolve("g16.png").toFile());
        float[] rgb = ImageLoader.loadRgb(d.resolve("g16.png"), 16);
        assertThat(rgb[4 * 16 + 3]).isEqualTo(1f);
        assertThat(rgb[16 * 16 + 4 * 16 + 3]).as("grey copied to every channel").isEqualTo(1f);
        BufferedImage rgba = new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);
        rgba.setRGB(1, 1, 0x80ff0000);
        ImageIO.write(rgba, "png", d.resolve("rgba.png").toFile());
        float[] noAlpha = ImageLoader.loadRgb(d.resolve("rgba.png"), 16);
        assertThat(noAlpha.length).isEqualTo(3 * 16 * 16);
        // A 4-channel JPEG as Java writes it decodes; Adobe CMYK/YCCK files that ImageIO cannot decode take
        // the undecodable-image path of the catalogue.
        Files.write(d.resolve("cmyk.jpg"), cmykJpeg());
        assertThat(ImageLoader.loadRgb(d.resolve("cmyk.jpg"), 16)).hasSize(3 * 16 * 16);
    }

    @Test
    void exportReplacesAnEarlierExportAndNeverTheModel(@TempDir Path d) throws Exception {
        Path own = copy(model, d.resolve("own.zip"));
        byte[] before = Files.readAllBytes(own);
        PrintStream old = System.err;
        try {
            System.setErr(new PrintStream(new ByteArrayOutputStream(), true));
            assertThat(Cli.run(new ExportCommand(), "--model", own.toString(), "--output", own.toString(), "--set",
                    "scoring.scoreMode=max")).isEqualTo(Cli.USER_ERROR);
        } finally {
            System.setErr(old);
        }
        assertThat(Files.readAllBytes(own)).as("the trained model is untouched").isEqualTo(before);
        Path again = copy(exported, d.resolve("again.zip"));
        assertThat(Cli.run(new ExportCommand(), "--model", own.toString(), "--output", again.toString(), "--set",
                "scoring.scoreMode=mean")).as("an earlier export is replaced").isZero();
        assertThat(org.deeplearning4j.util.ModelSerializer.getObjectFromFile(again.toFile(), "anomaly4j-export.json").toString())
                .contains("\"scoreMode\" : \"mean\"");
    }

    // ---- helpers -------------------------------------------------------------------------------

    static Object command(String entry, String[] args) {
        return switch (entry) {
            case "Train" -> new TrainCommand(args);
            case "Evaluate" -> new EvaluateCommand(args);
            case "Predict" -> new PredictCommand(args);
            case "Export" -> new ExportCommand();
            case "Sweep" -> new SweepCommand(args);
            case "Ui" -> new UiCommand();
            case "Benchmark" -> new BenchmarkCommand(args);
            case "Compare" -> new CompareCommand();
            case "Info" -> new InfoCommand();
            default -> throw new IllegalArgumentException(entry);
        };
    }

    static String[] args(String... a) {
        return a;
    }

    static String reports(Path d) {
        return d.resolve("reports").toString();
    }

    static String[] train(Path d, Path dataRoot) {
        return trainArgs(d, "--set", "data.root=" + dataRoot);
    }

    /** The built-in demo config pointed at the small MVTec-layout dataset; the case's own options come last and win. */
    static String[] trainArgs(Path d, String... more) {
        List<String> a = new ArrayList<>(List.of("--reports", reports(d), "--set", "data.layout=mvtec", "--set", "data.root=" + goodData,
                "--set", "data.imageSize=48", "--set", "model.encoder=tiny", "--set", "train.epochs=1", "--set", "model.decoder.width=8",
                "--set", "model.decoder.bottleneck=8", "--set", "model.decoder.depth=1"));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    interface Edit {
        void apply(Path root) throws Exception;
    }

    /** A copy of the good dataset with one thing broken. */
    static Path dataWith(Path d, Edit edit) {
        Path root = d.resolve("data");
        try (Stream<Path> s = Files.walk(goodData)) {
            for (Path p : s.toList()) {
                Path target = root.resolve(goodData.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
            edit.apply(root);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return root;
    }

    static Path write(Path p, byte[] bytes) {
        try {
            Files.createDirectories(p.getParent());
            return Files.write(p, bytes);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(Path p, String content) {
        return write(p, content.getBytes()).toString();
    }

    static Path copy(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            return Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path truncate(Path p) {
        try {
            byte[] b = Files.readAllBytes(p);
            return Files.write(p, Arrays.copyOf(b, b.length / 2));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void delete(Path p) throws java.io.IOException {
        Files.delete(p);
    }

    static void mkdirs(Path p) {
        try {
            Files.createDirectories(p);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void clear(Path dir) throws java.io.IOException {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                Files.delete(p);
            }
        }
    }

    static void png(Path p, int w, int h) {
        try {
            Files.createDirectories(p.getParent());
            ImageIO.write(new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB), "png", p.toFile());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A mask-sized grey ramp: a heat map saved where a mask belongs. */
    static void greyPng(Path p) throws java.io.IOException {
        BufferedImage old = ImageIO.read(p.toFile());
        BufferedImage g = new BufferedImage(old.getWidth(), old.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < g.getHeight(); y++) {
            for (int x = 0; x < g.getWidth(); x++) {
                g.getRaster().setSample(x, y, 0, (x * 255) / g.getWidth());
            }
        }
        ImageIO.write(g, "png", p.toFile());
    }

    static byte[] jpeg() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BufferedImage img = new BufferedImage(48, 48, BufferedImage.TYPE_INT_RGB);
            for (int i = 0; i < 48; i++) {
                img.setRGB(i, i, 0xffffff);
            }
            ImageIO.write(img, "jpg", out);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A 4-channel (CMYK-style) JPEG, as print workflows write them; ImageIO cannot decode those. */
    static byte[] cmykJpeg() {
        try {
            WritableRaster r = java.awt.image.Raster.createInterleavedRaster(java.awt.image.DataBuffer.TYPE_BYTE, 48, 48, 4, null);
            ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (var ios = ImageIO.createImageOutputStream(out)) {
                w.setOutput(ios);
                w.write(null, new IIOImage(r, null, null), null);
            }
            w.dispose();
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The PNG signature and a valid IHDR claiming w x h, and no pixel data. */
    static byte[] pngHeaderOnly(int w, int h) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            DataOutputStream o = new DataOutputStream(out);
            o.write(new byte[]{(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
            ByteArrayOutputStream chunk = new ByteArrayOutputStream();
            DataOutputStream c = new DataOutputStream(chunk);
            c.writeBytes("IHDR");
            c.writeInt(w);
            c.writeInt(h);
            c.write(new byte[]{8, 2, 0, 0, 0});
            byte[] body = chunk.toByteArray();
            o.writeInt(body.length - 4);
            o.write(body);
            CRC32 crc = new CRC32();
            crc.update(body);
            o.writeInt((int) crc.getValue());
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A DL4J ComputationGraph zip without anomaly4j's metadata (here: the tiny encoder alone). */
    static Path plainDl4jZip(Path p) {
        try {
            HfrConfig cfg = ConfigLoader.load(null, List.of("model.encoder=tiny"));
            ModelSerializer.writeModel(EncoderCatalogue.build(cfg.model(), 48, 1).graph(), p.toFile(), false);
            return p;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static {
        assertThat(HfrModelBuilder.NORMALIZED_PREFIX).isNotEmpty(); // keeps the model package on the test's classpath list
    }
}
