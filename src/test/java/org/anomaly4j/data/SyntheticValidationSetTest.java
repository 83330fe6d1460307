package org.anomaly4j.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The validation defects: each kind marks what it changed, and the set takes the kinds in turn. */
class SyntheticValidationSetTest {

    @Test
    void unevenRegionShiftsASoftRegionAndMasksItsCore() {
        for (int seed = 0; seed < 5; seed++) {
            BufferedImage img = grey(96, 128);
            BufferedImage mask = new BufferedImage(96, 96, BufferedImage.TYPE_BYTE_GRAY);
            SyntheticValidationSet.unevenRegion(img, mask, new Random(seed));
            int masked = 0;
            int shiftedOutsideMask = 0;
            for (int y = 0; y < 96; y++) {
                for (int x = 0; x < 96; x++) {
                    int delta = Math.abs((img.getRGB(x, y) & 0xff) - 128);
                    if (mask.getRaster().getSample(x, y, 0) != 0) {
                        masked++;
                        assertThat(delta).as("a masked pixel is at least half the peak (>= 10) off").isGreaterThanOrEqualTo(10);
                    } else {
                        assertThat(delta).as("an unmasked pixel is under the peak (<= 40) off").isLessThan(21);
                        shiftedOutsideMask += delta > 0 ? 1 : 0;
                    }
                }
            }
            assertThat(masked).as("the core is masked").isGreaterThan(20);
            assertThat(shiftedOutsideMask).as("the shift fades out beyond the mask").isPositive();
        }
    }

    @Test
    void everyKindTakesItsTurnWithAMask(@TempDir Path dir) throws Exception {
        List<ImageSample> normals = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Path f = dir.resolve("n" + i + ".png");
            SyntheticDefectGenerator.save(grey(64, 100 + 10 * i), f);
            normals.add(new ImageSample(f, ImageSample.GOOD, null));
        }
        List<ImageSample> set = SyntheticValidationSet.build(normals, dir.resolve("val"), 3);
        assertThat(set).hasSize(12);
        assertThat(set.subList(6, 12)).extracting(ImageSample::defectType)
                .containsExactly("synthetic_scratch", "synthetic_spot", "synthetic_uneven",
                        "synthetic_scratch", "synthetic_spot", "synthetic_uneven");
        for (ImageSample s : set.subList(6, 12)) {
            BufferedImage mask = ImageLoader.read(s.mask());
            long marked = 0;
            for (int y = 0; y < mask.getHeight(); y++) {
                for (int x = 0; x < mask.getWidth(); x++) {
                    marked += (mask.getRGB(x, y) & 0xff) > 0 ? 1 : 0;
                }
            }
            assertThat(marked).as(s.defectType()).isPositive();
        }
    }

    private static BufferedImage grey(int side, int level) {
        BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                img.setRGB(x, y, (level << 16) | (level << 8) | level);
            }
        }
        return img;
    }
}
