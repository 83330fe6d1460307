package org.anomaly4j.data;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;

/**
 * {@code data.sampleBits}: the bits a camera really fills in images stored with more bits per sample (a 12-bit
 * sensor in 16-bit PNG or TIFF files). Such samples are scaled to their container's full range before the 8-bit
 * conversion, which keeps each sample's high byte; without it a 12-bit image loads nearly black (0-15 of 255).
 * One factor for every image, so brightness stays comparable between them (a per-image stretch would hide
 * brightness defects).
 */
public final class SampleDepth {
    /** Keep the samples as stored. */
    public static final int AS_STORED = 0;

    private SampleDepth() {
    }

    /**
     * {@code img} with samples of more than {@code sampleBits} bits scaled up to their full range (values above
     * {@code sampleBits} bits saturate); {@code img} itself when there is nothing to scale.
     */
    public static BufferedImage widen(BufferedImage img, int sampleBits) {
        if (sampleBits == AS_STORED) {
            return img;
        }
        int stored = img.getRaster().getSampleModel().getSampleSize(0);
        if (stored <= 8 || sampleBits >= stored) {
            return img;
        }
        int shift = stored - sampleBits;
        int max = (1 << stored) - 1;
        int colourBands = img.getColorModel().getNumColorComponents(); // alpha keeps its range
        WritableRaster out = img.copyData(null);
        int[] row = new int[out.getWidth()];
        for (int b = 0; b < colourBands; b++) {
            for (int y = 0; y < out.getHeight(); y++) {
                out.getSamples(0, y, out.getWidth(), 1, b, row);
                for (int x = 0; x < row.length; x++) {
                    row[x] = Math.min(max, row[x] << shift);
                }
                out.setSamples(0, y, out.getWidth(), 1, b, row);
            }
        }
        return new BufferedImage(img.getColorModel(), out, img.isAlphaPremultiplied(), null);
    }
}
