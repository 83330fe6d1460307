package org.anomaly4j.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SampleRangeCheckTest {

    private static BufferedImage grey16(int brightest) {
        BufferedImage img = new BufferedImage(20, 10, BufferedImage.TYPE_USHORT_GRAY);
        img.getRaster().setSample(7, 9, 0, brightest);
        return img;
    }

    @Test
    void twelveBitDataInSixteenBitFilesIsFound() {
        assertThat(SampleRangeCheck.finding(grey16(4095), "cam.png")).isEqualTo("cam.png (16-bit, largest value 4095)");
        assertThat(SampleRangeCheck.finding(grey16(4096), "cam.png")).as("reaches the top four bits").isEmpty();
        assertThat(SampleRangeCheck.finding(grey16(65535), "cam.png")).isEmpty();
    }

    @Test
    void eightBitImagesAndAlphaDoNotCount() {
        BufferedImage dark = new BufferedImage(20, 10, BufferedImage.TYPE_BYTE_GRAY);
        assertThat(SampleRangeCheck.finding(dark, "dark.png")).as("8-bit: nothing to rescale").isEmpty();
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_USHORT);
        WritableRaster raster = cm.createCompatibleWritableRaster(4, 4);
        raster.setSample(1, 1, 3, 65535); // opaque alpha, colour at most 1000
        raster.setSample(2, 2, 1, 1000);
        assertThat(SampleRangeCheck.finding(new BufferedImage(cm, raster, false, null), "rgba.png"))
                .isEqualTo("rgba.png (16-bit, largest value 1000)");
    }

    @Test
    void theScreenWarnsNamingTheImages(@TempDir Path dir) throws Exception {
        Path low = dir.resolve("low.png");
        Path full = dir.resolve("full.png");
        ImageIO.write(grey16(4000), "png", low.toFile());
        ImageIO.write(grey16(60000), "png", full.toFile());
        ImageSample a = new ImageSample(low, ImageSample.GOOD, null);
        ImageSample b = new ImageSample(full, ImageSample.GOOD, null);
        ImageScreen.Screened s = ImageScreen.screen(new DatasetSplits(List.of(a, b), List.of(), List.of(), List.of(b), false, "t"), 16, false);
        assertThat(s.rangeWarning()).startsWith("1 of 3 images").contains("low.png (16-bit, largest value 4000)")
                .doesNotContain("full.png").contains("--set data.sampleBits=12");
        assertThat(ImageScreen.screen(new DatasetSplits(List.of(b), List.of(), List.of(), List.of(b), false, "t"), 16, false)
                .rangeWarning()).isEmpty();
    }
}
