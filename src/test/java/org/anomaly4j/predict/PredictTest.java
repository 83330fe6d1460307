package org.anomaly4j.predict;

import org.anomaly4j.AnomalyException;
import org.anomaly4j.cli.Cli;
import org.anomaly4j.cli.PredictCommand;
import org.anomaly4j.config.ConfigLoader;
import org.anomaly4j.config.HfrConfig;
import org.anomaly4j.data.InputAspectRange;
import org.anomaly4j.data.SyntheticDefectGenerator;
import org.anomaly4j.pipeline.EvaluateService;
import org.anomaly4j.pipeline.ModelStore;
import org.anomaly4j.pipeline.TrainService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Predict on an MVTec-style test folder: CSV and overlays, labels at the stored threshold, and the same
 * F1 as Evaluate on the same images; unreadable files stop it (nothing written) or are skipped with
 * --keep-going. Also checks the Train run's thresholds and HTML report.
 */
class PredictTest {
    @TempDir
    static Path dir;
    static Path data;
    static Path modelZip;
    static TrainService.Result trained;

    @BeforeAll
    static void train() {
        data = new SyntheticDefectGenerator(48, 5).write(dir.resolve("data"), 24, 8, 6);
        HfrConfig cfg = ConfigLoader.load(null, List.of("data.root=" + data, "data.imageSize=48", "data.validationFraction=0.25",
                "model.encoder=tiny", "model.decoder.width=16", "model.decoder.bottleneck=8", "model.decoder.depth=1",
                "train.epochs=3", "train.batchSize=8", "scoring.sigma=2", "scoring.batchSize=8", "scoring.scoreMode=max"));
        trained = TrainService.run(cfg, "test", dir.resolve("reports"), "train1");
        modelZip = trained.runDir().resolve("model.zip");
    }

    @Test
    void trainStoresValidationThresholdsAndWritesTheHtmlReport() throws Exception {
        ModelStore.Loaded loaded = ModelStore.load(modelZip);
        assertThat(loaded.thresholds()).isNotNull();
        assertThat(loaded.thresholds().source()).contains("F1-optimal");
        assertThat(loaded.thresholds().normalizeImage(loaded.thresholds().image())).isEqualTo(0.5);
        String html = Files.readString(trained.runDir().resolve("index.html"));
        assertThat(html.split("data:image/png;base64,", -1).length - 1).as("embedded images").isGreaterThanOrEqualTo(4 + 2);
        for (String chart : List.of("roc", "pr", "histogram", "loss")) {
            assertThat(trained.runDir().resolve("charts/" + chart + ".png")).isRegularFile();
        }
        assertThat(html).contains("image F1 at the stored threshold").doesNotContain("not drawn");
    }

    @Test
    void predictMatchesEvaluateOnTheTestFolder() throws Exception {
        ModelStore.Loaded loaded = ModelStore.load(modelZip);
        PredictService.Result p = PredictService.run(loaded, PredictInputs.expand(List.of(data.resolve("test").toString())),
                PredictService.Options.DEFAULT, "test", dir.resolve("reports"), "predict1");
        EvaluateService.Result e = EvaluateService.run(loaded, loaded.config().data(), loaded.config().scoring(), "test",
                dir.resolve("reports"), "evaluate1");
        assertThat(p.predictions()).hasSize(e.evaluation().scores().size());
        assertThat(p.f1AtThreshold()).isFinite().isCloseTo(e.f1AtThreshold(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(p.imageAuroc()).isCloseTo(e.evaluation().metrics().imageAuroc(), org.assertj.core.data.Offset.offset(1e-9));
        List<String> csv = Files.readAllLines(p.runDir().resolve("predictions.csv"));
        assertThat(csv.get(0)).isEqualTo("path,score,normalized_score,label,ground_truth,overlay");
        assertThat(csv).hasSize(p.predictions().size() + 1);
        assertThat(csv.get(1)).matches(".*,[0-9.Ee-]+,[01]\\.[0-9]{6},(normal|anomalous),(normal|anomalous),overlays/.*\\.png");
        try (var s = Files.list(p.runDir().resolve("overlays"))) {
            assertThat(s.count()).isEqualTo(p.predictions().size());
        }
        // the review page: every image, highest score first, its overlay linked
        String page = Files.readString(p.runDir().resolve("index.html"));
        assertThat(page.split("<tr><td>", -1).length - 1).isEqualTo(p.predictions().size());
        float top = (float) p.predictions().stream().mapToDouble(PredictService.Prediction::score).max().orElseThrow();
        PredictService.Prediction first = p.predictions().stream().filter(x -> x.score() == top).findFirst().orElseThrow();
        assertThat(page).contains("<tr><td>1</td><td class=\"path\">" + first.image() + "</td><td>" + top + "</td>")
                .contains("src=\"" + first.overlay() + "\"");
    }

    @Test
    void theJavaDetectorGivesPredictsScoresLabelsAndMaps() throws Exception {
        ModelStore.Loaded loaded = ModelStore.load(modelZip);
        PredictService.Result p = PredictService.run(loaded, PredictInputs.expand(List.of(data.resolve("test").toString())),
                new PredictService.Options(false, true, PredictService.Overlays.ALL, Double.NaN), "test", dir.resolve("reports"), "predict-vs-detector");
        AnomalyDetector detector = AnomalyDetector.load(modelZip);
        List<BufferedImage> images = new java.util.ArrayList<>();
        for (PredictService.Prediction pr : p.predictions()) {
            images.add(ImageIO.read(pr.image().toFile()));
        }
        List<Detection> found = detector.detect(images); // more images than scoring.batchSize: several forward passes
        assertThat(found).hasSize(p.predictions().size()).hasSizeGreaterThan(loaded.config().scoring().batchSize());
        List<String> regionRows = Files.readAllLines(p.runDir().resolve("regions.csv"));
        assertThat(regionRows.get(0)).isEqualTo("path,region,x,y,width,height,area,peak_score");
        int regionsSeen = 0;
        for (int i = 0; i < found.size(); i++) {
            PredictService.Prediction pr = p.predictions().get(i);
            Detection d = found.get(i);
            assertThat(d.score()).as(pr.image().toString()).isCloseTo(pr.score(), org.assertj.core.data.Offset.offset(1e-5f));
            assertThat(d.normalizedScore()).isCloseTo(pr.normalized(), org.assertj.core.data.Offset.offset(1e-5));
            assertThat(d.label().name().toLowerCase()).isEqualTo(pr.label());
            // Predict --masks writes what the detector's defectMask says, at the image's own size
            BufferedImage written = ImageIO.read(p.runDir().resolve(pr.overlay().replace("overlays/", "masks/")).toFile());
            assertThat(written.getWidth()).isEqualTo(images.get(i).getWidth());
            assertThat(written.getHeight()).isEqualTo(images.get(i).getHeight());
            boolean[] mask = d.defectMask();
            for (int y = 0; y < written.getHeight(); y++) {
                for (int x = 0; x < written.getWidth(); x++) {
                    assertThat((written.getRGB(x, y) & 0xff) == 255).isEqualTo(mask[y * written.getWidth() + x]);
                }
            }
            // regions.csv lists the detector's regions of that mask, which cover exactly its defect pixels
            String prefix = "\"" + pr.image() + "\",";
            List<String> rows = regionRows.stream().filter(r -> r.startsWith(prefix)).toList();
            List<DefectRegion> regions = d.defectRegions();
            assertThat(rows).hasSameSizeAs(regions);
            int area = 0;
            for (int r = 0; r < regions.size(); r++) {
                DefectRegion g = regions.get(r);
                assertThat(rows.get(r).substring(prefix.length())).isEqualTo((r + 1) + "," + g.x() + "," + g.y() + "," + g.width() + ","
                        + g.height() + "," + g.area() + "," + g.peakScore());
                area += g.area();
            }
            int defective = 0;
            for (boolean b : mask) {
                defective += b ? 1 : 0;
            }
            assertThat(area).isEqualTo(defective);
            regionsSeen += regions.size();
        }
        assertThat(regionsSeen).as("regions in the test folder").isPositive().isEqualTo(regionRows.size() - 1);
        assertThat(Files.readString(p.runDir().resolve("metrics.json"))).contains("\"masks\" : \"masks/<nnnnn>_<image name>.png");

        Detection one = detector.detect(images.get(0));
        // alone or in a batch: equal up to float rounding (with the plain ND4J build, -Dnd4j.native.suffix=, the last
        // bit differed: rounding there depends on the batch size)
        assertThat(one.score()).isCloseTo(found.get(0).score(), org.assertj.core.data.Offset.offset(1e-5f));
        assertThat(one.anomalyMap()).hasSize(48 * 48);
        float max = Float.NEGATIVE_INFINITY;
        for (float v : one.anomalyMap()) {
            max = Math.max(max, v);
        }
        assertThat(one.score()).as("scoreMode max: the map's maximum").isCloseTo(max, org.assertj.core.data.Offset.offset(1e-5f));
        BufferedImage wide = new BufferedImage(96, 48, BufferedImage.TYPE_BYTE_GRAY);
        Detection w = detector.detect(wide);
        assertThat(w.anomalyMapAtImageSize()).hasSize(96 * 48);
        boolean[] mask = w.defectMask();
        float[] atSize = w.anomalyMapAtImageSize();
        for (int i = 0; i < mask.length; i++) {
            assertThat(mask[i]).isEqualTo(atSize[i] >= loaded.thresholds().pixel());
        }

        assertThatThrownBy(() -> detector.detect(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB)))
                .isInstanceOf(AnomalyException.class).hasMessageContaining("4x4 px");
        assertThatThrownBy(() -> detector.detect(java.util.Arrays.asList(images.get(0), null)))
                .isInstanceOf(AnomalyException.class).hasMessageContaining("image 1 of 2 is null");
        assertThatThrownBy(() -> detector.detect((BufferedImage) null))
                .isInstanceOf(AnomalyException.class).hasMessageContaining("is null");
        assertThatThrownBy(() -> AnomalyDetector.load(dir.resolve("none.zip")))
                .isInstanceOf(AnomalyException.class).hasMessageContaining("none.zip");
    }

    @Test
    void oneDetectorCanBeSharedByThreads() throws Exception {
        List<BufferedImage> images = new java.util.ArrayList<>();
        for (Path p : PredictInputs.expand(List.of(data.resolve("test").toString()))) {
            images.add(ImageIO.read(p.toFile()));
        }
        AnomalyDetector detector = AnomalyDetector.load(modelZip);
        List<Detection> alone = detector.detect(images);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<float[]>> runs = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                runs.add(pool.submit(() -> {
                    float[] scores = new float[images.size()];
                    for (int i = 0; i < images.size(); i++) {
                        Detection d = detector.detect(images.get(i));
                        scores[i] = d.score();
                        assertThat(d.anomalyMap()).containsExactly(alone.get(i).anomalyMap(), org.assertj.core.data.Offset.offset(1e-5f));
                    }
                    return scores;
                }));
            }
            for (java.util.concurrent.Future<float[]> r : runs) {
                float[] scores = r.get();
                for (int i = 0; i < scores.length; i++) {
                    assertThat(scores[i]).as("image " + i).isCloseTo(alone.get(i).score(), org.assertj.core.data.Offset.offset(1e-5f));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void overlaysAndTheImageThresholdCanBeChosen() throws Exception {
        ModelStore.Loaded loaded = ModelStore.load(modelZip);
        List<Path> inputs = PredictInputs.expand(List.of(data.resolve("test").toString()));
        PredictService.Result none = PredictService.run(loaded, inputs,
                new PredictService.Options(false, false, PredictService.Overlays.NONE, Double.NaN), "test", dir.resolve("reports"), "predict-none");
        assertThat(none.runDir().resolve("overlays")).doesNotExist();
        assertThat(none.predictions()).allMatch(p -> p.overlay().isEmpty());
        assertThat(Files.readAllLines(none.runDir().resolve("predictions.csv")).get(1)).endsWith(",");

        // this small model's stored threshold flags every test image; at the median score, given instead, half of them are
        float[] scores = new float[none.predictions().size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = none.predictions().get(i).score();
        }
        Arrays.sort(scores);
        double median = scores[scores.length / 2];
        PredictService.Result flagged = PredictService.run(loaded, inputs,
                new PredictService.Options(false, false, PredictService.Overlays.ANOMALOUS, median), "test", dir.resolve("reports"),
                "predict-flagged");
        assertThat(Files.readString(flagged.runDir().resolve("metrics.json"))).contains("\"image_threshold\" : " + median)
                .contains("given on the command line");
        for (PredictService.Prediction p : flagged.predictions()) {
            assertThat(p.label()).isEqualTo(p.score() >= median ? "anomalous" : "normal");
            assertThat(p.overlay().isEmpty()).as(p.image().toString()).isEqualTo(!p.label().equals("anomalous"));
            if (!p.overlay().isEmpty()) {
                assertThat(flagged.runDir().resolve(p.overlay())).isRegularFile();
            }
        }
        // the Java detector labels at a threshold given to it as Predict does
        AnomalyDetector detector = AnomalyDetector.load(modelZip).useImageThreshold(median);
        assertThat(detector.thresholds().image()).isEqualTo(median);
        for (PredictService.Prediction p : flagged.predictions()) {
            Detection d = detector.detect(ImageIO.read(p.image().toFile()));
            assertThat(d.label().name().toLowerCase()).as(p.image().toString()).isEqualTo(p.label());
            assertThat(d.defectMask()).as("the stored pixel threshold still applies").isNotNull();
        }
        assertThatThrownBy(() -> detector.useImageThreshold(Double.NaN)).isInstanceOf(AnomalyException.class)
                .hasMessageContaining("not a finite score");
        try (var files = Files.list(flagged.runDir().resolve("overlays"))) {
            assertThat(files.count()).isEqualTo(flagged.predictions().stream().filter(p -> p.label().equals("anomalous")).count())
                    .isLessThan(flagged.predictions().size()).isPositive();
        }
        assertThat(Cli.run(new PredictCommand(), "--model", modelZip.toString(), "--overlays", "some",
                data.resolve("test").toString())).isEqualTo(Cli.USER_ERROR);

        StringWriter out = new StringWriter();
        String[] args = {"--model", modelZip.toString(), "--image-threshold", "1e9", "--overlays", "none", "--reports",
                dir.resolve("reports").toString(), "--run-id", "predict-high", data.resolve("test").toString()};
        picocli.CommandLine cl = new picocli.CommandLine(new PredictCommand(args));
        cl.setOut(new PrintWriter(out));
        assertThat(cl.execute(args)).isZero();
        assertThat(out.toString()).contains(inputs.size() + " images scored, 0 anomalous at the given threshold");
    }

    @Test
    void optionsThatNeedStoredThresholdsSayWhatToDoWithoutThem() throws Exception {
        HfrConfig cfg = ConfigLoader.load(null, List.of("data.root=" + data, "data.imageSize=48", "data.validationFraction=0",
                "model.encoder=tiny", "model.decoder.width=16", "model.decoder.bottleneck=8", "model.decoder.depth=1",
                "train.epochs=1", "train.batchSize=8", "scoring.sigma=2", "scoring.batchSize=8", "scoring.scoreMode=max"));
        Path bareZip = TrainService.run(cfg, "test", dir.resolve("reports"), "no-validation").runDir().resolve("model.zip");
        ModelStore.Loaded bare = ModelStore.load(bareZip);
        assertThat(bare.thresholds()).isNull();
        List<Path> inputs = PredictInputs.expand(List.of(data.resolve("test/good").toString()));
        assertThatThrownBy(() -> PredictService.run(bare, inputs, new PredictService.Options(false, true, PredictService.Overlays.ALL,
                Double.NaN), "test", dir.resolve("reports"), "bare-masks"))
                .isInstanceOf(AnomalyException.class).hasMessageContaining("--masks needs the pixel threshold")
                .hasMessageContaining("data.validationFraction");
        assertThatThrownBy(() -> PredictService.run(bare, inputs, new PredictService.Options(false, false,
                PredictService.Overlays.ANOMALOUS, Double.NaN), "test", dir.resolve("reports"), "bare-overlays"))
                .isInstanceOf(AnomalyException.class).hasMessageContaining("--overlays anomalous").hasMessageContaining("--image-threshold");
        assertThat(dir.resolve("reports/bare-masks")).doesNotExist();

        // a threshold of the user's makes labels possible, without normalised scores (no range to normalise by)
        PredictService.Result given = PredictService.run(bare, inputs, new PredictService.Options(false, false,
                PredictService.Overlays.ANOMALOUS, -1e30), "test", dir.resolve("reports"), "bare-given");
        assertThat(given.predictions()).allMatch(p -> p.label().equals("anomalous") && Double.isNaN(p.normalized())
                && !p.overlay().isEmpty());
        AnomalyDetector detector = AnomalyDetector.load(bareZip);
        BufferedImage image = ImageIO.read(inputs.get(0).toFile());
        assertThat(detector.detect(image).label()).isEqualTo(Detection.Label.NO_THRESHOLD);
        Detection labelled = detector.useImageThreshold(-1e30).detect(image);
        assertThat(labelled.label()).isEqualTo(Detection.Label.ANOMALOUS);
        assertThat(labelled.normalizedScore()).isNaN();
        assertThat(labelled.defectMask()).as("no pixel threshold to make a mask at").isNull();
    }

    @Test
    void imagesFarFromTheTrainingShapesAreNamed() throws Exception {
        ModelStore.Loaded loaded = ModelStore.load(modelZip);
        InputAspectRange range = InputAspectRange.fromProvenance(loaded.metadata().provenance());
        assertThat(range).as("the synthetic training images are all square").isEqualTo(new InputAspectRange(1, 1));

        Path in = Files.createDirectories(dir.resolve("shapes"));
        BufferedImage good = ImageIO.read(data.resolve("test/good").toFile().listFiles()[0]);
        ImageIO.write(good, "png", in.resolve("square.png").toFile());
        BufferedImage wide = new BufferedImage(144, 48, BufferedImage.TYPE_INT_RGB);
        wide.getGraphics().drawImage(good, 0, 0, 144, 48, null);
        ImageIO.write(wide, "png", in.resolve("wide.png").toFile());

        StringWriter out = new StringWriter();
        String[] args = {"--model", modelZip.toString(), "--reports", dir.resolve("reports").toString(), "--run-id", "predict-shapes",
                in.toString()};
        picocli.CommandLine cl = new picocli.CommandLine(new PredictCommand(args));
        cl.setOut(new PrintWriter(out));
        assertThat(cl.execute(args)).isZero();
        assertThat(out.toString()).contains("2 images scored").contains("WARNING: 1 images are shaped unlike the training images");
        String metrics = Files.readString(dir.resolve("reports/predict-shapes/metrics.json"));
        assertThat(metrics).contains("outside_training_shapes").contains("wide.png (144x48): input width/height 3.00, 3.0x outside")
                .doesNotContain("square.png (");
    }

    @Test
    void aMinimumRegionAreaLeavesSmallRegionsOutOfMasksAndRegions() throws Exception {
        ModelStore.Loaded loaded = ModelStore.load(modelZip);
        List<Path> inputs = PredictInputs.expand(List.of(data.resolve("test").toString()));
        AnomalyDetector detector = AnomalyDetector.load(modelZip);
        List<Integer> areas = new java.util.ArrayList<>();
        for (Path p : inputs) {
            detector.detect(ImageIO.read(p.toFile())).defectRegions().forEach(r -> areas.add(r.area()));
        }
        java.util.Collections.sort(areas);
        int min = areas.get(areas.size() / 2); // keeps about half of the regions
        long expected = areas.stream().filter(a -> a >= min).count();
        assertThat(expected).isPositive().isLessThan(areas.size());
        PredictService.Result p = PredictService.run(loaded, inputs, new PredictService.Options(false, true,
                PredictService.Overlays.NONE, Double.NaN, min), "test", dir.resolve("reports"), "predict-min-area");
        List<String> rows = Files.readAllLines(p.runDir().resolve("regions.csv"));
        assertThat(rows).hasSize((int) expected + 1);
        long whiteInMasks = 0;
        try (var masks = Files.list(p.runDir().resolve("masks"))) {
            for (Path m : masks.toList()) {
                BufferedImage img = ImageIO.read(m.toFile());
                for (int y = 0; y < img.getHeight(); y++) {
                    for (int x = 0; x < img.getWidth(); x++) {
                        whiteInMasks += (img.getRGB(x, y) & 0xff) == 255 ? 1 : 0;
                    }
                }
            }
        }
        long keptArea = 0;
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.substring(row.lastIndexOf('"') + 2).split(",");
            int area = Integer.parseInt(f[5]);
            assertThat(area).isGreaterThanOrEqualTo(min);
            keptArea += area;
        }
        assertThat(whiteInMasks).as("the masks hold exactly the kept regions").isEqualTo(keptArea);
        assertThatThrownBy(() -> PredictService.run(loaded, inputs, new PredictService.Options(false, false,
                PredictService.Overlays.NONE, Double.NaN, 10), "test", dir.resolve("reports"), "predict-area-no-masks"))
                .isInstanceOf(AnomalyException.class).hasMessageContaining("add --masks");
    }

    @Test
    void aListFileHoldsOnePathPerLineRelativeToItsFolder() throws Exception {
        Path lists = Files.createDirectories(dir.resolve("lists"));
        Path spaced = Files.createDirectories(lists.resolve("line 3 parts"));
        Files.copy(data.resolve("test/good").toFile().listFiles()[0].toPath(), spaced.resolve("part a.png"));
        Path absolute = data.resolve("test/good").toFile().listFiles()[1].toPath().toAbsolutePath();
        Files.writeString(lists.resolve("todo.txt"), "# today's parts\n\nline 3 parts/part a.png\n  " + absolute + "  \n");
        assertThat(Cli.run(new PredictCommand(), "--model", modelZip.toString(), "--reports", dir.resolve("reports").toString(),
                "--run-id", "predict-list", "--overlays", "none", "@" + lists.resolve("todo.txt"))).isZero();
        List<String> csv = Files.readAllLines(dir.resolve("reports/predict-list/predictions.csv"));
        assertThat(csv).hasSize(3);
        assertThat(csv.get(1)).startsWith("\"" + spaced.resolve("part a.png").toAbsolutePath().normalize());
        assertThat(csv.get(2)).startsWith("\"" + absolute);
    }

    @Test
    void unreadableImagesStopTheRunOrAreSkippedWithKeepGoing() throws Exception {
        Path in = Files.createDirectories(dir.resolve("incoming"));
        Files.copy(data.resolve("test/good").toFile().listFiles()[0].toPath(), in.resolve("ok.png"));
        Files.write(in.resolve("broken.png"), new byte[]{1, 2, 3});
        ModelStore.Loaded loaded = ModelStore.load(modelZip);
        assertThatThrownBy(() -> PredictService.run(loaded, PredictInputs.expand(List.of(in.toString())), PredictService.Options.DEFAULT, "test",
                dir.resolve("reports"), "predict-stop"))
                .isInstanceOf(AnomalyException.class).hasMessageContaining("broken.png").hasMessageContaining("--keep-going");
        assertThat(dir.resolve("reports/predict-stop")).doesNotExist();

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] args = {"--model", modelZip.toString(), "--keep-going", "--reports", dir.resolve("reports").toString(),
                "--run-id", "predict-keep", in.toString()};
        picocli.CommandLine cl = new picocli.CommandLine(new PredictCommand(args));
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute(args)).isEqualTo(PredictCommand.PARTIAL);
        assertThat(out.toString()).contains("1 images scored").contains("1 skipped");
        String metrics = Files.readString(dir.resolve("reports/predict-keep/metrics.json"));
        assertThat(metrics).contains("broken.png");
        assertThat(Cli.run(new PredictCommand(), "--model", modelZip.toString(), dir.resolve("nope").toString())).isEqualTo(Cli.USER_ERROR);
    }

    @Test
    void theRunReportsTheAveragePrecisions() throws Exception {
        double imageAp = trained.evaluation().metrics().imageAp();
        double pixelAp = trained.evaluation().metrics().pixelAp();
        assertThat(imageAp).isGreaterThan(0).isLessThanOrEqualTo(1);
        assertThat(pixelAp).isGreaterThan(0).isLessThanOrEqualTo(1);
        assertThat(Files.readString(trained.runDir().resolve("metrics.json")))
                .contains("\"image_AP\" : " + imageAp).contains("\"pixel_AP\" : " + pixelAp);
        double chance = trained.evaluation().metrics().defectPixelFraction();
        assertThat(chance).isGreaterThan(0).isLessThan(1);
        assertThat(Files.readString(trained.runDir().resolve("summary.md")))
                .contains(String.format("| pixel AP (chance %.4f: the share of defect pixels) | %.4f |", chance, pixelAp));
    }

    @Test
    void thePixelThresholdTrainReportsGivesPredictMasksOfThatF1() throws Exception {
        double threshold = trained.evaluation().metrics().pixelF1Threshold();
        double f1 = trained.evaluation().metrics().pixelF1Max();
        assertThat(f1).isBetween(0.0, 1.0);
        assertThat(Files.readString(trained.runDir().resolve("metrics.json"))).contains("\"pixel_F1Max_threshold\" : " + threshold);
        ModelStore.Loaded loaded = ModelStore.load(modelZip);
        List<Path> inputs = PredictInputs.expand(List.of(data.resolve("test").toString()));
        PredictService.Result p = PredictService.run(loaded, inputs, new PredictService.Options(false, true, PredictService.Overlays.NONE,
                Double.NaN, 0, false, threshold), "test", dir.resolve("reports"), "predict-pixel-threshold");
        List<Path> masks;
        try (var s = Files.list(p.runDir().resolve("masks"))) {
            masks = s.sorted().toList(); // <index>_<name>.png: input order
        }
        long tp = 0;
        long fp = 0;
        long fn = 0;
        for (int i = 0; i < inputs.size(); i++) {
            BufferedImage predicted = ImageIO.read(masks.get(i).toFile()); // the test images have the model's size
            Path truthFile = PredictInputs.withGroundTruth(inputs.get(i)).mask();
            BufferedImage truth = truthFile == null ? null : ImageIO.read(truthFile.toFile());
            for (int y = 0; y < predicted.getHeight(); y++) {
                for (int x = 0; x < predicted.getWidth(); x++) {
                    boolean marked = (predicted.getRGB(x, y) & 0xff) == 255;
                    boolean defect = truth != null && (truth.getRGB(x, y) & 0xff) > 127;
                    tp += marked && defect ? 1 : 0;
                    fp += marked && !defect ? 1 : 0;
                    fn += !marked && defect ? 1 : 0;
                }
            }
        }
        assertThat(2.0 * tp / (2 * tp + fp + fn)).as("the F1 of Predict's masks").isCloseTo(f1, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Files.readString(p.runDir().resolve("metrics.json"))).contains("pixel threshold " + threshold + " given on the command line");

        assertThatThrownBy(() -> PredictService.run(loaded, inputs, new PredictService.Options(false, false, PredictService.Overlays.NONE,
                Double.NaN, 0, false, threshold), "test", dir.resolve("reports"), "x")).hasMessageContaining("add --masks");
        AnomalyDetector detector = AnomalyDetector.load(modelZip).usePixelThreshold(threshold).useImageThreshold(1.5);
        assertThat(detector.thresholds().pixel()).as("kept when an image threshold follows").isEqualTo(threshold);
        assertThat(detector.thresholds().image()).isEqualTo(1.5);
    }

    @Test
    void aDetectorLoadsFromAStreamAsFromAFile() throws Exception {
        BufferedImage image = ImageIO.read(PredictInputs.expand(List.of(data.resolve("test").toString())).get(0).toFile());
        AnomalyDetector fromFile = AnomalyDetector.load(modelZip);
        AnomalyDetector fromStream;
        try (var in = Files.newInputStream(modelZip)) {
            fromStream = AnomalyDetector.load(in);
        }
        assertThat(fromStream.detect(image).score()).isEqualTo(fromFile.detect(image).score());
        assertThat(fromStream.thresholds()).isEqualTo(fromFile.thresholds());
        assertThatThrownBy(() -> AnomalyDetector.load((java.io.InputStream) null)).isInstanceOf(AnomalyException.class)
                .hasMessageContaining("getResourceAsStream");
    }
}
