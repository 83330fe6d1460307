package org.anomaly4j.data;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.util.List;

/**
 * Finds images of more than 8 bits per sample whose values never reach the top four bits: typically a 10- or
 * 12-bit camera's data saved in 16-bit files. Every image is converted to 8 bits by keeping each sample's high
 * byte, so such an image loads nearly black (12-bit data: 0-15 of 255) and the encoder sees almost nothing of it.
 * Nothing is rescaled automatically: a per-image stretch would hide brightness defects and differ between images.
 */
public final class SampleRangeCheck {
    /** Top bits of the sample that no value of the image reaches before it counts as low-range. */
    static final int UNUSED_TOP_BITS = 4;

    private SampleRangeCheck() {
    }

    /** "file (16-bit, largest value 4095)" for a low-range image, else "". {@code name} says which image. */
    public static String finding(BufferedImage img, Object name) {
        Raster raster = img.getRaster();
        int bits = 0;
        for (int b = 0; b < raster.getNumBands(); b++) {
            bits = Math.max(bits, raster.getSampleModel().getSampleSize(b));
        }
        if (bits <= 8) {
            return "";
        }
        int limit = 1 << (bits - UNUSED_TOP_BITS);
        int max = 0;
        int[] row = new int[raster.getWidth()];
        int colourBands = img.getColorModel().getNumColorComponents(); // alpha does not count
        for (int b = 0; b < colourBands; b++) {
            for (int y = 0; y < raster.getHeight(); y++) {
                raster.getSamples(raster.getMinX(), raster.getMinY() + y, raster.getWidth(), 1, b, row);
                for (int v : row) {
                    max = Math.max(max, v);
                }
                if (max >= limit) {
                    return "";
                }
            }
        }
        return name + " (" + bits + "-bit, largest value " + max + ")";
    }

    /** The warning over a dataset's findings, or "" when there are none. */
    public static String warning(List<String> findings, int images) {
        if (findings.isEmpty()) {
            return "";
        }
        List<String> sorted = findings.stream().sorted().toList(); // the same examples whatever the split order
        return findings.size() + " of " + images + " images use only the low bits of their samples, e.g. "
                + String.join(", ", sorted.subList(0, Math.min(3, sorted.size())))
                + ": images are converted to 8 bits by their high byte, so these load nearly black and the model sees "
                + "almost nothing of them. If a 10- or 12-bit camera wrote them, say so with data.sampleBits (e.g. "
                + "--set data.sampleBits=12: every image's samples are scaled by the same factor), or save them as 8-bit images";
    }
}
