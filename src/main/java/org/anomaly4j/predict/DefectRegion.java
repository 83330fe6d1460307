package org.anomaly4j.predict;

import org.anomaly4j.metrics.ConnectedComponents;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One connected defect region of an image's defect mask (8-connected pixels at or above the pixel threshold), in
 * the image's own pixels: its bounding box, its area and the highest anomaly-map value inside it. What a reject
 * station or an operator's screen needs (anomalib's {@code pred_boxes} and {@code box_scores}).
 */
public record DefectRegion(int x, int y, int width, int height, int area, float peakScore) {

    /**
     * {@code mask} without its regions of fewer than {@code minArea} pixels (a reject rule's smallest defect that
     * counts); {@code mask} itself for a minimum of 1 or less.
     */
    static boolean[] withoutSmaller(boolean[] mask, int width, int height, int minArea) {
        if (minArea <= 1) {
            return mask;
        }
        int[] labels = labels(mask, width, height);
        int n = Arrays.stream(labels).max().orElse(0);
        int[] area = new int[n + 1];
        for (int l : labels) {
            area[l]++;
        }
        boolean[] out = mask.clone();
        for (int i = 0; i < out.length; i++) {
            if (labels[i] != 0 && area[labels[i]] < minArea) {
                out[i] = false;
            }
        }
        return out;
    }

    /** 8-connected components of the mask: 0 = background, 1..n = regions. */
    private static int[] labels(boolean[] mask, int width, int height) {
        float[] binary = new float[mask.length];
        for (int i = 0; i < mask.length; i++) {
            binary[i] = mask[i] ? 1f : 0f;
        }
        return ConnectedComponents.label8(binary, width, height);
    }

    /** The regions of {@code mask} (width x height, row-major) with peaks from {@code map}, highest peak first. */
    static List<DefectRegion> of(boolean[] mask, float[] map, int width, int height) {
        int[] labels = labels(mask, width, height);
        int n = Arrays.stream(labels).max().orElse(0);
        int[] minX = new int[n + 1], minY = new int[n + 1], maxX = new int[n + 1], maxY = new int[n + 1], area = new int[n + 1];
        float[] peak = new float[n + 1];
        Arrays.fill(minX, Integer.MAX_VALUE);
        Arrays.fill(minY, Integer.MAX_VALUE);
        Arrays.fill(peak, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < labels.length; i++) {
            int l = labels[i];
            if (l == 0) {
                continue;
            }
            int px = i % width;
            int py = i / width;
            minX[l] = Math.min(minX[l], px);
            minY[l] = Math.min(minY[l], py);
            maxX[l] = Math.max(maxX[l], px);
            maxY[l] = Math.max(maxY[l], py);
            area[l]++;
            peak[l] = Math.max(peak[l], map[i]);
        }
        List<DefectRegion> out = new ArrayList<>(n);
        for (int l = 1; l <= n; l++) {
            out.add(new DefectRegion(minX[l], minY[l], maxX[l] - minX[l] + 1, maxY[l] - minY[l] + 1, area[l], peak[l]));
        }
        out.sort(Comparator.comparingDouble(DefectRegion::peakScore).reversed());
        return out;
    }
}
