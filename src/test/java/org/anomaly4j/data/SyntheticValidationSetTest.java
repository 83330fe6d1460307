package org.anomaly4j.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SyntheticValidationSetTest {
    @TempDir
    Path dir;

    private static BufferedImage flat(int w, int h, int grey) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, (grey << 16) | (grey << 8) | grey);
            }
        }
        return img;
    }

    @Test
    void unevenShiftsALargeRegionByTwentyToFortyFiveLevelsAndMasksIt() {
        for (long seed = 0; seed < 20; seed++) {
            int w = 180;
            int h = 120;
            BufferedImage img = flat(w, h, 128);
            BufferedImage mask = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
            SyntheticValidationSet.subtleUneven(img, mask, new Random(seed));
            int masked = 0;
            int maxShift = 0;
            int unmaskedLarge = 0;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int shift = Math.abs((img.getRGB(x, y) & 0xff) - 128);
                    maxShift = Math.max(maxShift, shift);
                    if (mask.getRaster().getSample(x, y, 0) != 0) {
                        masked++;
                        assertThat(shift).as("masked pixels carry at least half the shift").isGreaterThanOrEqualTo(10);
                    } else if (shift > 23) {
                        unmaskedLarge++;
                    }
                }
            }
            double cover = masked / (double) (w * h);
            assertThat(cover).as("seed " + seed + ": masked share").isBetween(0.12, 0.6);
            assertThat(maxShift).as("seed " + seed + ": full shift").isBetween(19, 45);
            assertThat(unmaskedLarge).as("pixels outside the mask stay below half the largest shift").isZero();
        }
    }

    private List<ImageSample> normals(int n) throws Exception {
        List<ImageSample> normals = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path p = dir.resolve("n" + i + ".png");
            ImageIO.write(flat(64, 48, 100 + i), "png", p.toFile());
            normals.add(new ImageSample(p, ImageSample.GOOD, null));
        }
        return normals;
    }

    /** The rule of the versions before {@code uneven}: one nextBoolean per copy, true a scratch. */
    @Test
    void defaultKindsDrawTheSetOfEarlierVersions() throws Exception {
        List<ImageSample> normals = normals(16);
        List<ImageSample> built = SyntheticValidationSet.build(normals, dir.resolve("d"), 42, List.of("scratch", "spot"), 1);
        Random rnd = new Random(42);
        List<String> earlier = new ArrayList<>();
        for (int i = 0; i < normals.size(); i++) {
            BufferedImage img = flat(64, 48, 100 + i);
            BufferedImage mask = new BufferedImage(64, 48, BufferedImage.TYPE_BYTE_GRAY);
            if (rnd.nextBoolean()) {
                SyntheticValidationSet.subtleScratch(img, mask, rnd);
                earlier.add("synthetic_scratch");
            } else {
                SyntheticValidationSet.subtleSpot(img, mask, rnd);
                earlier.add("synthetic_spot");
            }
        }
        assertThat(built.subList(16, 32)).extracting(ImageSample::defectType).isEqualTo(earlier);
        assertThat(earlier).contains("synthetic_scratch", "synthetic_spot");
    }

    @Test
    void buildPaintsOnlyTheConfiguredKindsOnCopiesOfTheNormals() throws Exception {
        List<ImageSample> normals = normals(12);
        List<ImageSample> onlyUneven = SyntheticValidationSet.build(normals, dir.resolve("u"), 7, List.of("uneven"), 1);
        assertThat(onlyUneven).hasSize(24);
        assertThat(onlyUneven.subList(12, 24)).allSatisfy(s -> {
            assertThat(s.defectType()).isEqualTo("synthetic_uneven");
            assertThat(s.mask()).exists();
        });
        List<ImageSample> lines = SyntheticValidationSet.build(normals, dir.resolve("l"), 7, List.of("scratch", "spot"), 1);
        assertThat(lines.subList(12, 24)).extracting(ImageSample::defectType)
                .containsOnly("synthetic_scratch", "synthetic_spot");
        List<ImageSample> again = SyntheticValidationSet.build(normals, dir.resolve("l2"), 7, List.of("scratch", "spot"), 1);
        assertThat(again).extracting(ImageSample::defectType).isEqualTo(lines.stream().map(ImageSample::defectType).toList());
    }

    @Test
    void moreCopiesKeepTheFirstRoundAndAddOthers() throws Exception {
        List<ImageSample> normals = normals(8);
        List<ImageSample> one = SyntheticValidationSet.build(normals, dir.resolve("c1"), 42, List.of("scratch", "spot"), 1);
        List<ImageSample> three = SyntheticValidationSet.build(normals, dir.resolve("c3"), 42, List.of("scratch", "spot"), 3);
        assertThat(three).hasSize(8 + 3 * 8);
        assertThat(three.subList(0, 8)).isEqualTo(normals);
        for (int i = 8; i < 16; i++) {
            assertThat(Files.readAllBytes(three.get(i).image())).as("first round, copy " + i).isEqualTo(Files.readAllBytes(one.get(i).image()));
            assertThat(Files.readAllBytes(three.get(i).mask())).isEqualTo(Files.readAllBytes(one.get(i).mask()));
        }
        for (int i = 16; i < 32; i++) {
            int normal = (i - 8) % 8;
            assertThat(three.get(i).mask()).exists();
            assertThat(Files.readAllBytes(three.get(i).mask())).as("copy " + i + " is another defect than the first round's")
                    .isNotEqualTo(Files.readAllBytes(three.get(8 + normal).mask()));
        }
    }
}
