package org.anomaly4j.data;

import org.anomaly4j.AnomalyException;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes a seeded synthetic inspection dataset in the MVTec AD layout: a woven texture (fixed
 * frequencies, random phase and noise per image) as the normal product, and two defect types,
 * {@code scratch} (a thin bright or dark line) and {@code spot} (a blotch of foreign texture),
 * each with its binary mask. Used by the demo and by tests.
 */
public final class SyntheticDefectGenerator {
    private final int size;
    private final long seed;

    public SyntheticDefectGenerator(int size, long seed) {
        this.size = size;
        this.seed = seed;
    }

    /** Writes train/good, test/good, test/scratch, test/spot and ground_truth under {@code root}. */
    public Path write(Path root, int trainGood, int testGood, int testPerDefect) {
        Random rnd = new Random(seed);
        try {
            for (int i = 0; i < trainGood; i++) {
                save(texture(rnd), root.resolve("train/good/" + name(i) + ".png"));
            }
            for (int i = 0; i < testGood; i++) {
                save(texture(rnd), root.resolve("test/good/" + name(i) + ".png"));
            }
            for (String type : new String[]{"scratch", "spot"}) {
                for (int i = 0; i < testPerDefect; i++) {
                    BufferedImage img = texture(rnd);
                    BufferedImage mask = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
                    if (type.equals("scratch")) {
                        scratch(img, mask, rnd);
                    } else {
                        spot(img, mask, rnd);
                    }
                    save(img, root.resolve("test/" + type + "/" + name(i) + ".png"));
                    save(mask, root.resolve("ground_truth/" + type + "/" + name(i) + "_mask.png"));
                }
            }
        } catch (IOException e) {
            throw new AnomalyException("cannot write the synthetic dataset under " + root + ": " + e.getMessage(), e);
        }
        return root;
    }

    private static String name(int i) {
        return String.format("%03d", i);
    }

    private BufferedImage texture(Random rnd) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        double px = rnd.nextDouble() * 2 * Math.PI;
        double py = rnd.nextDouble() * 2 * Math.PI;
        double f = 2 * Math.PI / Math.max(6, size / 16.0);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double weave = 0.5 + 0.22 * Math.sin(f * x + px) * Math.sin(f * 0.5 * y + py)
                        + 0.12 * Math.sin(f * 0.25 * (x + y) + px);
                double v = weave + rnd.nextGaussian() * 0.03;
                int g = clamp((int) (v * 255));
                img.setRGB(x, y, (clamp(g + 25) << 16) | (g << 8) | clamp(g - 30));
            }
        }
        return img;
    }

    static void scratch(BufferedImage img, BufferedImage mask, Random rnd) {
        int size = Math.min(img.getWidth(), img.getHeight());
        double x1 = rnd.nextDouble() * img.getWidth();
        double y1 = rnd.nextDouble() * img.getHeight();
        double angle = rnd.nextDouble() * Math.PI;
        double len = size * (0.25 + 0.3 * rnd.nextDouble());
        double x2 = Math.max(0, Math.min(img.getWidth() - 1, x1 + Math.cos(angle) * len));
        double y2 = Math.max(0, Math.min(img.getHeight() - 1, y1 + Math.sin(angle) * len));
        float width = Math.max(2f, size / 48f);
        Color c = rnd.nextBoolean() ? new Color(245, 245, 235) : new Color(30, 25, 20);
        drawBoth(img, mask, new Line2D.Double(x1, y1, x2, y2), c, width);
    }

    static void spot(BufferedImage img, BufferedImage mask, Random rnd) {
        int size = Math.min(img.getWidth(), img.getHeight());
        double r = size * (0.06 + 0.06 * rnd.nextDouble());
        double cx = r + rnd.nextDouble() * (img.getWidth() - 2 * r);
        double cy = r + rnd.nextDouble() * (img.getHeight() - 2 * r);
        Ellipse2D shape = new Ellipse2D.Double(cx - r, cy - r * 0.7, 2 * r, 1.4 * r);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if (shape.contains(x, y)) {
                    int g = clamp((int) (90 + rnd.nextGaussian() * 40));
                    img.setRGB(x, y, (clamp(g + 60) << 16) | (g << 8) | clamp(g + 40));
                    mask.getRaster().setSample(x, y, 0, 255);
                }
            }
        }
    }

    private static void drawBoth(BufferedImage img, BufferedImage mask, java.awt.Shape shape, Color c, float width) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(c);
        g.setStroke(new BasicStroke(width));
        g.draw(shape);
        g.dispose();
        Graphics2D m = mask.createGraphics();
        m.setColor(Color.WHITE);
        m.setStroke(new BasicStroke(width));
        m.draw(shape);
        m.dispose();
    }

    static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    static void save(BufferedImage img, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "png", file.toFile());
    }
}
