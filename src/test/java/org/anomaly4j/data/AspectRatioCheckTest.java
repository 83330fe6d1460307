package org.anomaly4j.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AspectRatioCheckTest {

    private static AspectRatioCheck.Shape shape(String name, int w, int h) {
        return new AspectRatioCheck.Shape(Path.of(name), w, h);
    }

    @Test
    void similarShapesGiveNoWarning() {
        // 0.8 to 1.6: the stretch differs exactly twofold, the limit
        assertThat(AspectRatioCheck.warning(List.of(shape("a.png", 80, 100), shape("b.png", 160, 100)), 256)).isEmpty();
        assertThat(AspectRatioCheck.warning(List.of(), 256)).isEmpty();
    }

    @Test
    void theWarningNamesTheNarrowestAndTheWidestImage() {
        String w = AspectRatioCheck.warning(List.of(shape("square.png", 100, 100), shape("tall.png", 100, 300),
                shape("wide.png", 600, 240), shape("squarish.png", 120, 100)), 320);
        assertThat(w).contains("from 0.33 (tall.png, 100x300)").contains("to 2.50 (wide.png, 600x240)")
                .contains("320x320").contains("7.5x");
    }

    @Test
    void theScreenReportsItForTheUsableImages(@TempDir Path dir) throws Exception {
        Path tall = write(dir.resolve("tall.png"), 40, 120);
        Path wide = write(dir.resolve("wide.png"), 120, 40);
        ImageSample t = new ImageSample(tall, ImageSample.GOOD, null);
        ImageSample w = new ImageSample(wide, "crack", null);
        DatasetSplits splits = new DatasetSplits(List.of(t), List.of(), List.of(), List.of(t, w), false, "test");
        ImageScreen.Screened s = ImageScreen.screen(splits, 64, false);
        assertThat(s.shapeWarning()).contains("tall.png").contains("wide.png");
        DatasetSplits square = new DatasetSplits(List.of(t), List.of(), List.of(), List.of(t), false, "test");
        assertThat(ImageScreen.screen(square, 64, false).shapeWarning()).isEmpty();
        assertThat(ImageScreen.screen(splits, 64, false, 1.5).shapeWarning()).as("cut into pieces: no warning").isEmpty();
    }

    private static Path write(Path file, int w, int h) throws Exception {
        ImageIO.write(new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY), "png", file.toFile());
        return file;
    }
}
