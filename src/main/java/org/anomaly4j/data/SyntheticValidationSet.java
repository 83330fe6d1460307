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
 * also copied with a synthetic defect (a scratch or a spot) painted on, with its mask. It lets
 * settings be compared by AUROC without ever looking at the test split's real defects.
 */
public final class SyntheticValidationSet {
    private SyntheticValidationSet() {
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
                    SyntheticDefectGenerator.scratch(img, mask, rnd);
                } else {
                    SyntheticDefectGenerator.spot(img, mask, rnd);
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
