package org.anomaly4j.data;

import org.anomaly4j.AnomalyException;
import org.anomaly4j.config.DataConfig;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A labelled validation set made from held-out normal images only: each normal is kept as is and
 * also copied with a synthetic defect painted on, with its mask. Defects are subtle on purpose, so
 * that the set ranks settings the way real, low-contrast defects would: a thin wavy line or a small
 * blob 25-60 grey levels darker or brighter than the surface around it. It lets settings be compared
 * by AUROC without ever looking at the test split's real defects.
 *
 * <p>On request ({@code data.validationDefects}) also a large region (a fifth to a half of the image)
 * 20-45 grey levels darker or brighter behind a soft edge: brightness unevenness, which a local
 * feature reconstruction does not see (every patch of it looks normal). Not in the default set: the
 * validation set also fits the stored thresholds, and a kind the model cannot see would drag them.
 */
public final class SyntheticValidationSet {
    private SyntheticValidationSet() {
    }

    /** A thin line (1-3 px at 256 px), shifted 25-60 grey levels from the pixels under it. */
    static void subtleScratch(BufferedImage img, BufferedImage mask, Random rnd) {
        int w = img.getWidth();
        int h = img.getHeight();
        int side = Math.min(w, h);
        double x = rnd.nextDouble() * w;
        double y = rnd.nextDouble() * h;
        double angle = rnd.nextDouble() * Math.PI;
        int len = (int) (side * (0.15 + 0.35 * rnd.nextDouble()));
        int half = Math.max(0, (int) Math.round(side / 256.0 * (rnd.nextInt(3))) / 2);
        int delta = (25 + rnd.nextInt(36)) * (rnd.nextBoolean() ? 1 : -1);
        for (int t = 0; t < len; t++) {
            angle += rnd.nextGaussian() * 0.03; // slightly wavy, like a crack
            x += Math.cos(angle);
            y += Math.sin(angle);
            for (int dy = -half; dy <= half; dy++) {
                for (int dx = -half; dx <= half; dx++) {
                    shift(img, mask, (int) x + dx, (int) y + dy, delta);
                }
            }
        }
    }

    /** A small, irregular blob (radius 1.5-4 % of the side), shifted 25-60 grey levels. */
    static void subtleSpot(BufferedImage img, BufferedImage mask, Random rnd) {
        int w = img.getWidth();
        int h = img.getHeight();
        double r = Math.min(w, h) * (0.015 + 0.025 * rnd.nextDouble());
        double cx = r + rnd.nextDouble() * (w - 2 * r);
        double cy = r + rnd.nextDouble() * (h - 2 * r);
        int delta = (25 + rnd.nextInt(36)) * (rnd.nextBoolean() ? 1 : -1);
        double phase = rnd.nextDouble() * 2 * Math.PI;
        for (int y = (int) (cy - 1.5 * r); y <= cy + 1.5 * r; y++) {
            for (int x = (int) (cx - 1.5 * r); x <= cx + 1.5 * r; x++) {
                double a = Math.atan2(y - cy, x - cx);
                double rr = r * (1 + 0.3 * Math.sin(3 * a + phase));
                if (Math.hypot(x - cx, y - cy) <= rr) {
                    shift(img, mask, x, y, delta);
                }
            }
        }
    }

    /**
     * Brightness unevenness: the image on one side of a gently wavy line, covering 20-50 % of it,
     * shifted 20-45 grey levels, fading in over 4-8 % of the side. The mask is where the shift has
     * reached half its full size.
     */
    static void subtleUneven(BufferedImage img, BufferedImage mask, Random rnd) {
        int w = img.getWidth();
        int h = img.getHeight();
        double side = Math.min(w, h);
        double angle = rnd.nextDouble() * 2 * Math.PI;
        double nx = Math.cos(angle);
        double ny = Math.sin(angle);
        double[] along = new double[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                along[y * w + x] = x * nx + y * ny;
            }
        }
        double[] sorted = along.clone();
        Arrays.sort(sorted);
        double cover = 0.2 + 0.3 * rnd.nextDouble();
        double edge = sorted[(int) ((1 - cover) * (sorted.length - 1))];
        double softness = side * (0.04 + 0.04 * rnd.nextDouble());
        double wave = side * 0.03;
        double waveLength = side * (0.3 + 0.4 * rnd.nextDouble());
        double phase = rnd.nextDouble() * 2 * Math.PI;
        int delta = (20 + rnd.nextInt(26)) * (rnd.nextBoolean() ? 1 : -1);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double across = -x * ny + y * nx;
                double d = along[y * w + x] - edge - wave * Math.sin(2 * Math.PI * across / waveLength + phase);
                double weight = 1 / (1 + Math.exp(-d / softness));
                img.setRGB(x, y, brighter(img.getRGB(x, y), (int) Math.round(delta * weight)));
                if (weight >= 0.5) {
                    mask.getRaster().setSample(x, y, 0, 255);
                }
            }
        }
    }

    /** {@code rgb} with every channel moved by {@code delta} grey levels, clamped to 0-255. */
    private static int brighter(int rgb, int delta) {
        return (SyntheticDefectGenerator.clamp(((rgb >> 16) & 0xff) + delta) << 16)
                | (SyntheticDefectGenerator.clamp(((rgb >> 8) & 0xff) + delta) << 8)
                | SyntheticDefectGenerator.clamp((rgb & 0xff) + delta);
    }

    private static void shift(BufferedImage img, BufferedImage mask, int x, int y, int delta) {
        if (x < 0 || y < 0 || x >= img.getWidth() || y >= img.getHeight() || mask.getRaster().getSample(x, y, 0) != 0) {
            return;
        }
        img.setRGB(x, y, brighter(img.getRGB(x, y), delta));
        mask.getRaster().setSample(x, y, 0, 255);
    }

    /**
     * The normals plus {@code copies} defective copies of each, every copy's kind drawn from {@code kinds} (names
     * from {@link DataConfig#VALIDATION_DEFECTS}); images and masks are written under {@code dir}. The first round of
     * copies is the same whatever {@code copies} is (one random stream, continued by the later rounds).
     */
    public static List<ImageSample> build(List<ImageSample> normals, Path dir, long seed, List<String> kinds, int copies) {
        return build(normals, dir, seed, kinds, copies, SampleDepth.AS_STORED);
    }

    /** As above, the normals' samples first scaled from {@code sampleBits} ({@link SampleDepth}), as the model sees them. */
    public static List<ImageSample> build(List<ImageSample> normals, Path dir, long seed, List<String> kinds, int copies,
                                          int sampleBits) {
        return build(normals, dir, seed, kinds, copies, sampleBits, null);
    }

    /** {@code region}: the defects are painted inside it ({@code data.crop}: the model sees nothing else); null: anywhere. */
    public static List<ImageSample> build(List<ImageSample> normals, Path dir, long seed, List<String> kinds, int copies,
                                          int sampleBits, java.awt.Rectangle region) {
        Random rnd = new Random(seed);
        List<ImageSample> out = new ArrayList<>(normals);
        try {
            Files.createDirectories(dir);
            int i = 0;
            for (int round = 0; round < copies; round++) {
                for (ImageSample n : normals) {
                    // decoded again each round rather than all held in memory: a decode is cheap next to scoring
                    BufferedImage src = SampleDepth.widen(ImageLoader.read(n.image()), sampleBits);
                    BufferedImage img = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
                    Graphics2D g = img.createGraphics();
                    g.drawImage(src, 0, 0, null);
                    g.dispose();
                    BufferedImage mask = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
                    // nextInt(2) draws the bit that nextBoolean() drew before 'uneven' existed (1: scratch), so
                    // counting from the end lets the default [scratch, spot] rebuild that set image for image
                    String kind = kinds.get(kinds.size() - 1 - rnd.nextInt(kinds.size()));
                    // a sub-image shares its parent's pixels: what is painted on it is painted on the image
                    BufferedImage onImg = region == null ? img : img.getSubimage(region.x, region.y, region.width, region.height);
                    BufferedImage onMask = region == null ? mask : mask.getSubimage(region.x, region.y, region.width, region.height);
                    switch (kind) {
                        case "scratch" -> subtleScratch(onImg, onMask, rnd);
                        case "spot" -> subtleSpot(onImg, onMask, rnd);
                        case "uneven" -> subtleUneven(onImg, onMask, rnd);
                        default -> throw new IllegalArgumentException("unknown validation defect kind: " + kind);
                    }
                    Path imageFile = dir.resolve(String.format("%04d.png", i));
                    Path maskFile = dir.resolve(String.format("%04d_mask.png", i));
                    SyntheticDefectGenerator.save(img, imageFile);
                    SyntheticDefectGenerator.save(mask, maskFile);
                    out.add(new ImageSample(imageFile, "synthetic_" + kind, maskFile));
                    i++;
                }
            }
        } catch (IOException e) {
            throw new AnomalyException("cannot write the synthetic validation images under " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }
}
