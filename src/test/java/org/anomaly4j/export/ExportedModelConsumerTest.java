package org.anomaly4j.export;

import org.anomaly4j.TestClasspath;
import org.anomaly4j.config.ConfigLoader;
import org.anomaly4j.config.HfrConfig;
import org.anomaly4j.data.ImageLoader;
import org.anomaly4j.data.InputAspectRange;
import org.anomaly4j.model.HfrModel;
import org.anomaly4j.model.HfrModelBuilder;
import org.anomaly4j.model.InferencePath;
import org.anomaly4j.model.encoder.EncoderCatalogue;
import org.anomaly4j.pipeline.ModelStore;
import org.anomaly4j.scoring.AnomalyScorer;
import org.anomaly4j.scoring.ScoredBatch;
import org.anomaly4j.scoring.Thresholds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

import javax.imageio.ImageIO;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example consumer ({@code src/test/java/consumer}) is compiled and run in a separate JVM whose
 * classpath has DL4J/ND4J and their dependencies but no anomaly4j class: it must load the exported
 * zip, read its metadata and give the in-project score of the same image.
 */
class ExportedModelConsumerTest {
    private static final int SIZE = 48;

    @TempDir
    Path dir;

    @Test
    void consumerScoresAnImageWithoutAnomaly4jOnTheClasspath() throws Exception {
        HfrConfig cfg = ConfigLoader.load(null, List.of("model.encoder=tiny", "model.decoder.width=16",
                "model.decoder.bottleneck=8", "data.imageSize=" + SIZE, "scoring.sigma=2", "scoring.scoreMode=max"));
        HfrModel model = HfrModelBuilder.build(EncoderCatalogue.build(cfg.model(), SIZE, 1), cfg.model(), cfg.train(), SIZE);
        Thresholds thresholds = new Thresholds(0.5, 0.4, 0.1, 0.9, 0.0, 1.0, "test");
        Path modelZip = dir.resolve("model.zip");
        InputAspectRange shapes = new InputAspectRange(0.5, 2);
        ModelStore.save(model, cfg, Map.of(), Map.of("dataset", "synthetic", InputAspectRange.PROVENANCE_KEY, shapes.toMap()),
                thresholds, null, modelZip);
        Path exported = dir.resolve("exported.zip");
        ModelStore.Loaded loaded = ModelStore.load(modelZip);
        ExportService.Result result = ExportService.run(modelZip, loaded, loaded.config(), exported);
        assertThat(InputAspectRange.fromProvenance(result.metadata().provenance())).as("the training shapes travel with the export")
                .isEqualTo(shapes);

        Path image = dir.resolve("image.png");
        BufferedImage img = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(3);
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                img.setRGB(x, y, r.nextInt(0xffffff));
            }
        }
        ImageIO.write(img, "png", image.toFile());
        ScoredBatch expected = new AnomalyScorer(loaded.model(), new InferencePath(loaded.model(), cfg.model(), cfg.train()),
                cfg.scoring()).score(Nd4j.create(ImageLoader.loadRgb(image, SIZE), new long[]{1, 3, SIZE, SIZE}, 'c'));

        List<String> cp = TestClasspath.dependenciesOnly();
        assertThat(cp).noneMatch(e -> e.contains("target" + File.separator + "classes")
                || e.contains("target" + File.separator + "test-classes"));
        Path classes = Files.createDirectories(dir.resolve("consumer-classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-d", classes.toString(), "-cp", String.join(File.pathSeparator, cp),
                Path.of("src/test/java/consumer/ScoreWithExportedModel.java").toString());
        assertThat(rc).as("consumer compiles against DL4J/ND4J only").isZero();

        List<String> cmd = new ArrayList<>(List.of(TestClasspath.java(),
                "-Xmx1g", "-cp", classes + File.pathSeparator + String.join(File.pathSeparator, cp),
                "consumer.ScoreWithExportedModel", exported.toString(), image.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        Matcher m = Pattern.compile("score=(\\S+) normalized=(\\S+) anomalous=(\\S+) mapMax=(\\S+)").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        double score = Double.parseDouble(m.group(1));
        assertThat(score).isCloseTo(expected.scores()[0], org.assertj.core.data.Offset.offset(1e-4));
        assertThat(Double.parseDouble(m.group(2))).isCloseTo(thresholds.normalizeImage(score), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Boolean.parseBoolean(m.group(3))).isEqualTo(score >= thresholds.image());
    }
}
