package org.anomaly4j.data;

import org.anomaly4j.AnomalyException;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A labelled validation set made from held-out normal images only: each normal is kept as is and
 * also copied with a synthetic defect painted on, with its mask. Defects are subtle on purpose
 * (a thin line or a small blob 25-60 grey levels darker or brighter than the surface around it), so
 * that the set ranks settings the way real, low-contrast defects would. It lets settings be compared
 * by AUROC without ever looking at the test split's real defects.
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

    private static void shift(BufferedImage img, BufferedImage mask, int x, int y, int delta) {
        if (x < 0 || y < 0 || x >= img.getWidth() || y >= img.getHeight() || mask.getRaster().getSample(x, y, 0) != 0) {
            return;
        }
        int rgb = img.getRGB(x, y);
        int r = Math.max(0, Math.min(255, ((rgb >> 16) & 0xff) + delta));
        int g = Math.max(0, Math.min(255, ((rgb >> 8) & 0xff) + delta));
        int b = Math.max(0, Math.min(255, (rgb & 0xff) + delta));
        img.setRGB(x, y, (r << 16) | (g << 8) | b);
        mask.getRaster().setSample(x, y, 0, 255);
    }

    public static List<ImageSample> build(List<ImageSample> normals, Path dir, long seed) {
        Random rnd = new Random(seed);
        List<ImageSample> out = new ArrayList<>(normals);
        try {
            Files.createDirectories(dir);
            int i = 0;
            for (ImageSample n : normals) {
                BufferedImage src = ImageLoader.read(n.image());
                BufferedImage img = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
                Graphics2D g = img.createGraphics();
                g.drawImage(src, 0, 0, null);
                g.dispose();
                BufferedImage mask = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
                String type = rnd.nextBoolean() ? "synthetic_scratch" : "synthetic_spot";
                if (type.equals("synthetic_scratch")) {
                    subtleScratch(img, mask, rnd);
                } else {
                    subtleSpot(img, mask, rnd);
                }
                Path imageFile = dir.resolve(String.format("%04d.png", i));
                Path maskFile = dir.resolve(String.format("%04d_mask.png", i));
                SyntheticDefectGenerator.save(img, imageFile);
                SyntheticDefectGenerator.save(mask, maskFile);
                out.add(new ImageSample(imageFile, type, maskFile));
                i++;
            }
        } catch (IOException e) {
            throw new AnomalyException("cannot write the synthetic validation images under " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }
}
