package org.anomaly4j.predict;

import org.anomaly4j.scoring.BilinearUpsampler;

import java.awt.image.BufferedImage;

/**
 * The pixels an image's anomaly map marks as defective: the map, resized (bilinear) from the model's square to
 * the image's own width x height, at or above the model's stored pixel threshold. Row-major.
 */
final class DefectMask {
    private DefectMask() {
    }

    static boolean[] of(float[] atImageSize, double pixelThreshold) {
        boolean[] mask = new boolean[atImageSize.length];
        for (int i = 0; i < atImageSize.length; i++) {
            mask[i] = atImageSize[i] >= pixelThreshold;
        }
        return mask;
    }

    /** The map (mapSize x mapSize) resized to width x height, as the image was before it was stretched to the square. */
    static float[] atImageSize(float[] map, int mapSize, int width, int height) {
        return BilinearUpsampler.resize(map, mapSize, mapSize, height, width);
    }

    /** White where defective, black elsewhere; MVTec's ground-truth mask convention. */
    static BufferedImage image(boolean[] mask, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        byte[] px = ((java.awt.image.DataBufferByte) out.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < mask.length; i++) {
            px[i] = mask[i] ? (byte) 255 : 0;
        }
        return out;
    }
}
