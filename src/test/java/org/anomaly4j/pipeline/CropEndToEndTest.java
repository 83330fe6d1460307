package org.anomaly4j.pipeline;

import org.anomaly4j.AnomalyException;
import org.anomaly4j.config.HfrConfig;
import org.anomaly4j.data.Cutting;
import org.anomaly4j.data.MvtecLayout;
import org.anomaly4j.data.Piece;
import org.anomaly4j.data.SyntheticDefectGenerator;
import org.anomaly4j.predict.AnomalyDetector;
import org.anomaly4j.predict.Detection;
import org.anomaly4j.predict.PredictInputs;
import org.anomaly4j.predict.PredictService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.anomaly4j.pipeline.TestImageFiles.list;
import static org.anomaly4j.pipeline.TestImageFiles.read;
import static org.anomaly4j.pipeline.TestImageFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code data.crop}: the model sees only a region of every image. On strips whose right half is random noise (a
 * fixture, a conveyor) and whose left half is the part, cropping to the left half trains and scores the part alone;
 * maps, masks and regions stay in the whole image's coordinates, and nothing is marked outside the crop.
 */
class CropEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void aCropGridStaysInsideTheCropAndAMisfitIsNamed() {
        Rectangle crop = new Rectangle(10, 5, 60, 40);
        List<Piece> one = new Cutting(0, 1, crop).pieces(100, 50);
        assertThat(one).hasSize(1);
        assertThat(one.get(0).bounds(100, 50)).isEqualTo(crop);
        assertThat(new Cutting(0, 2, crop).pieces(100, 50)).extracting(p -> p.bounds(100, 50)).containsExactly(
                new Rectangle(10, 5, 30, 20), new Rectangle(40, 5, 30, 20), new Rectangle(10, 25, 30, 20), new Rectangle(40, 25, 30, 20));
        assertThat(new Cutting(0, 1, crop).whole()).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Cutting(0, 1, crop).pieces(60, 50))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not fit in its 60x50 pixels");

        // the crop's map fills its part of the frame; the rest is the lowest value the model gave
        int size = 10;
        float[] map = new float[size * size];
        java.util.Arrays.fill(map, 5f);
        map[0] = 2f;
        float[] frame = PieceScorer.composeRegion(List.of(map), one, 100, 50, size);
        assertThat(frame[0]).as("outside the crop").isEqualTo(2f);
        assertThat(frame[3 * size + 5]).as("inside: x 5 of 10 is pixel 50, y 3 is pixel 15").isEqualTo(5f);
        assertThat(frame[size * size - 1]).as("outside: the bottom-right corner").isEqualTo(2f);
    }

    @Test
    void partsBesideNoiseAreTrainedAndScoredInTheirCrop() throws Exception {
        Path square = new SyntheticDefectGenerator(48, 4).write(dir.resolve("square"), 40, 10, 8);
        Path strips = besideNoise(square, dir.resolve("strips"));
        HfrConfig cfg = TinyDetector.config("data.root=" + strips, "data.imageSize=48", "data.crop=[0, 0, 48, 48]");
        TrainService.Result r = TrainService.run(cfg, "test", dir.resolve("reports"), "crop");
        var splits = MvtecLayout.scan(strips, 0.1, 1, 0, 0);
        assertThat(r.evaluation().scores()).hasSize(splits.test().size());
        // cropped: the part alone, 0.81 / 0.98; the same strips uncropped (in two pieces, data.maxStretch 1.5): the noise
        // beside the part decides, 0.57 / 0.60
        assertThat(r.evaluation().metrics().imageAuroc()).as("image AUROC").isGreaterThan(0.75);
        assertThat(r.evaluation().metrics().pixelAuroc()).as("pixel AUROC").isGreaterThan(0.9);

        Path zip = r.runDir().resolve("model.zip");
        PredictService.Result p = PredictService.run(ModelStore.load(zip), PredictInputs.expand(List.of(strips.resolve("test").toString())),
                new PredictService.Options(false, true, PredictService.Overlays.NONE, Double.NaN), "test", dir.resolve("reports"), "predict");
        assertThat(p.imageAuroc()).isCloseTo(r.evaluation().metrics().imageAuroc(), org.assertj.core.data.Offset.offset(1e-9));
        AnomalyDetector detector = AnomalyDetector.load(zip);
        BufferedImage strip = read(p.predictions().get(0).image());
        Detection d = detector.detect(strip);
        assertThat(d.score()).isCloseTo(p.predictions().get(0).score(), org.assertj.core.data.Offset.offset(1e-5f));
        boolean[] mask = d.defectMask();
        for (int y = 0; y < strip.getHeight(); y++) {
            for (int x = 48; x < strip.getWidth(); x++) {
                assertThat(mask[y * strip.getWidth() + x]).as("nothing marked outside the crop").isFalse();
            }
        }
        assertThatThrownBy(() -> detector.detect(new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB)))
                .isInstanceOf(AnomalyException.class).hasMessageContaining("does not fit");
    }

    @Test
    void validationDefectsArePaintedInsideTheCrop() throws Exception {
        Path square = new SyntheticDefectGenerator(64, 6).write(dir.resolve("sq"), 6, 1, 1);
        List<org.anomaly4j.data.ImageSample> normals = list(square.resolve("train/good")).stream()
                .map(f -> new org.anomaly4j.data.ImageSample(f, org.anomaly4j.data.ImageSample.GOOD, null)).toList();
        Rectangle crop = new Rectangle(8, 16, 24, 32);
        List<org.anomaly4j.data.ImageSample> set = org.anomaly4j.data.SyntheticValidationSet.build(normals, dir.resolve("v"), 3,
                List.of("scratch", "spot", "uneven"), 4, 0, crop);
        int painted = 0;
        for (org.anomaly4j.data.ImageSample s : set) {
            if (s.mask() == null) {
                continue;
            }
            BufferedImage m = read(s.mask());
            for (int y = 0; y < m.getHeight(); y++) {
                for (int x = 0; x < m.getWidth(); x++) {
                    if ((m.getRGB(x, y) & 0xff) > 127) {
                        assertThat(crop.contains(x, y)).as(s.mask() + " at " + x + "," + y).isTrue();
                        painted++;
                    }
                }
            }
        }
        assertThat(painted).isPositive();
    }

    /** Every image becomes [image | noise] (masks [mask | 0]): the part on the left, a random fixture on the right. */
    private static Path besideNoise(Path src, Path dst) throws Exception {
        Random rnd = new Random(5);
        for (String split : List.of("train", "test")) {
            try (Stream<Path> types = Files.list(src.resolve(split))) {
                for (Path type : types.toList()) {
                    for (Path img : list(type)) {
                        String name = split + "/" + type.getFileName() + "/" + img.getFileName();
                        write(beside(read(img), noise(48, rnd)), dst.resolve(name));
                        Path mask = src.resolve("ground_truth/" + type.getFileName() + "/"
                                + img.getFileName().toString().replace(".png", "_mask.png"));
                        if (split.equals("test") && Files.exists(mask)) {
                            write(beside(read(mask), new BufferedImage(48, 48, BufferedImage.TYPE_BYTE_GRAY)),
                                    dst.resolve("ground_truth/" + type.getFileName() + "/" + mask.getFileName()));
                        }
                    }
                }
            }
        }
        return dst;
    }

    private static BufferedImage noise(int size, Random rnd) {
        BufferedImage n = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                n.setRGB(x, y, rnd.nextInt(256) * 0x010101);
            }
        }
        return n;
    }

    private static BufferedImage beside(BufferedImage a, BufferedImage b) {
        BufferedImage out = new BufferedImage(a.getWidth() + b.getWidth(), a.getHeight(), a.getType() == BufferedImage.TYPE_BYTE_GRAY
                ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        var g = out.createGraphics();
        g.drawImage(a, 0, 0, null);
        g.drawImage(b, a.getWidth(), 0, null);
        g.dispose();
        return out;
    }
}
