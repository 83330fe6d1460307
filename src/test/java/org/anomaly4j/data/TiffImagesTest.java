package org.anomaly4j.data;

import org.anomaly4j.AnomalyException;
import org.anomaly4j.config.ConfigLoader;
import org.anomaly4j.config.HfrConfig;
import org.anomaly4j.pipeline.TrainService;
import org.anomaly4j.predict.PredictInputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** TIFF, the usual format of industrial cameras: read like PNG, whole datasets of it, and the TIFFs that are refused. */
class TiffImagesTest {

    @Test
    void aTiffLoadsExactlyLikeThePngOfTheSameImage(@TempDir Path dir) throws Exception {
        BufferedImage rgb = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(3);
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 40; x++) {
                rgb.setRGB(x, y, r.nextInt(1 << 24));
            }
        }
        ImageIO.write(rgb, "png", dir.resolve("a.png").toFile());
        TestTiffs.write(rgb, dir.resolve("a.tif"), "LZW");
        assertThat(ImageLoader.loadRgb(dir.resolve("a.tif"), 32)).containsExactly(ImageLoader.loadRgb(dir.resolve("a.png"), 32));

        BufferedImage grey16 = new BufferedImage(40, 30, BufferedImage.TYPE_USHORT_GRAY);
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 40; x++) {
                grey16.getRaster().setSample(x, y, 0, r.nextInt(1 << 16));
            }
        }
        ImageIO.write(grey16, "png", dir.resolve("g.png").toFile());
        TestTiffs.write(grey16, dir.resolve("g.tiff"), "Deflate");
        assertThat(ImageLoader.loadRgb(dir.resolve("g.tiff"), 32)).containsExactly(ImageLoader.loadRgb(dir.resolve("g.png"), 32));
    }

    @Test
    void anMvtecDatasetInTiffTrainsWithItsTiffMasks(@TempDir Path dir) throws Exception {
        Path root = new SyntheticDefectGenerator(48, 5).write(dir.resolve("tiles"), 12, 3, 2);
        try (Stream<Path> files = Files.walk(root)) {
            for (Path png : files.filter(p -> p.toString().endsWith(".png")).toList()) {
                TestTiffs.write(ImageIO.read(png.toFile()), png.resolveSibling(ImageFiles.stem(png) + ".tif"), "LZW");
                Files.delete(png);
            }
        }
        DatasetSplits splits = MvtecLayout.scan(root, 0.25, 42, 0, 0);
        assertThat(splits.train()).isNotEmpty().allMatch(s -> s.image().toString().endsWith(".tif"));
        assertThat(splits.test().stream().filter(ImageSample::anomalous))
                .isNotEmpty().allMatch(s -> s.mask() != null && s.mask().toString().endsWith("_mask.tif"));
        ImageSample defect = splits.test().stream().filter(ImageSample::anomalous).findFirst().orElseThrow();
        assertThat(PredictInputs.withGroundTruth(defect.image()).mask()).as("Predict finds the TIFF mask too").isEqualTo(defect.mask());

        HfrConfig cfg = ConfigLoader.load(null, List.of("data.root=" + root, "data.imageSize=48", "data.validationFraction=0.25",
                "model.encoder=tiny", "model.decoder.width=8", "model.decoder.bottleneck=8", "model.decoder.depth=1",
                "train.epochs=1", "train.batchSize=8", "scoring.sigma=1", "scoring.batchSize=8"));
        var result = TrainService.run(cfg, "tiff", dir.resolve("reports"), "t");
        assertThat(result.evaluation().metrics().images()).isEqualTo(splits.test().size());
        assertThat(result.evaluation().metrics().pixelAuroc()).as("pixel metrics from the TIFF masks").isBetween(0.0, 1.0);
    }

    @Test
    void twelveBitTiffsWithSampleBitsTrainExactlyLikeTheirEightBitOriginals(@TempDir Path dir) throws Exception {
        Path generated = new SyntheticDefectGenerator(48, 6).write(dir.resolve("generated"), 12, 3, 2);
        Path png = dir.resolve("grey8"); // the same images as 8-bit grey PNGs and as 12-bit data in 16-bit TIFFs
        Path tif = dir.resolve("tif");
        try (Stream<Path> files = Files.walk(generated)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String rel = generated.relativize(p).toString();
                Path asPng = png.resolve(rel);
                Path asTif = tif.resolve(rel.replace(".png", ".tif"));
                Files.createDirectories(asPng.getParent());
                Files.createDirectories(asTif.getParent());
                BufferedImage src = ImageIO.read(p.toFile());
                if (rel.contains("_mask")) {
                    Files.copy(p, asPng);
                    TestTiffs.write(src, asTif, "LZW");
                    continue;
                }
                BufferedImage grey = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
                BufferedImage twelve = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_USHORT_GRAY);
                for (int y = 0; y < src.getHeight(); y++) {
                    for (int x = 0; x < src.getWidth(); x++) {
                        int v = src.getRGB(x, y) & 0xff;
                        grey.getRaster().setSample(x, y, 0, v);
                        twelve.getRaster().setSample(x, y, 0, v << 4); // the grey level as 12-bit data
                    }
                }
                ImageIO.write(grey, "png", asPng.toFile());
                TestTiffs.write(twelve, asTif, "Deflate");
            }
        }
        List<String> common = List.of("data.imageSize=48", "data.validationFraction=0.25", "model.encoder=tiny",
                "model.decoder.width=8", "model.decoder.bottleneck=8", "model.decoder.depth=1", "train.epochs=1",
                "train.batchSize=8", "scoring.sigma=1", "scoring.batchSize=8");
        var original = TrainService.run(ConfigLoader.load(null, with(common, "data.root=" + png)), "t", dir.resolve("r"), "png");
        var asStored = TrainService.run(ConfigLoader.load(null, with(common, "data.root=" + tif)), "t", dir.resolve("r"), "stored");
        var scaled = TrainService.run(ConfigLoader.load(null, with(common, "data.root=" + tif, "data.sampleBits=12")), "t",
                dir.resolve("r"), "scaled");
        assertThat(asStored.warning()).contains("use only the low bits").contains("data.sampleBits");
        assertThat(scaled.warning()).doesNotContain("low bits");
        assertThat(scaled.evaluation().metrics()).as("the 12-bit files, scaled, are the 8-bit images").isEqualTo(original.evaluation().metrics());
        assertThat(asStored.evaluation().metrics()).isNotEqualTo(original.evaluation().metrics());

        // a saved model keeps it: Predict and the Java detector scale new 12-bit images the same way
        Path model = scaled.runDir().resolve("model.zip");
        Path image = tif.resolve("test/good/000.tif");
        var detector = org.anomaly4j.predict.AnomalyDetector.load(model);
        var fromTwelve = detector.detect(ImageIO.read(image.toFile()));
        var fromEight = detector.detect(ImageIO.read(png.resolve("test/good/000.png").toFile()));
        assertThat(fromTwelve.score()).isEqualTo(fromEight.score());
    }

    private static List<String> with(List<String> common, String... more) {
        List<String> all = new java.util.ArrayList<>(common);
        all.addAll(List.of(more));
        return all;
    }

    @Test
    void aMultiPageTiffIsRefusedNotReadAsItsFirstPage(@TempDir Path dir) throws Exception {
        Path stack = dir.resolve("stack.tif");
        TestTiffs.multiPage(stack, 16);
        assertThatThrownBy(() -> ImageLoader.read(stack)).isInstanceOf(AnomalyException.class)
                .hasMessageContaining("stack.tif").hasMessageContaining("2 pages");
        TestTiffs.write(new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY), dir.resolve("one.tif"), "LZW");
        assertThat(ImageLoader.read(dir.resolve("one.tif")).getWidth()).as("a single page is fine").isEqualTo(16);
    }

    @Test
    void floatingPointSamplesAreRefusedNotGuessed(@TempDir Path dir) throws Exception {
        Path depth = dir.resolve("depth.tiff");
        ImageIO.write(TestTiffs.floatImage(16), "tiff", depth.toFile());
        assertThatThrownBy(() -> ImageLoader.read(depth)).isInstanceOf(AnomalyException.class)
                .hasMessageContaining("depth.tiff").hasMessageContaining("floating-point");
        assertThatThrownBy(() -> ImageLoader.rgbInputs(TestTiffs.floatImage(16), java.util.Collections.singletonList(null), 16, "(in memory)"))
                .isInstanceOf(AnomalyException.class).hasMessageContaining("floating-point");
    }
}
