package org.anomaly4j.metrics;

import java.util.ArrayDeque;

/** Labels the 8-connected components of a binary mask (value &gt; 0.5); 0 = background, 1..n = components. */
public final class ConnectedComponents {
    private ConnectedComponents() {
    }

    public static int[] label8(float[] mask, int width, int height) {
        int[] labels = new int[mask.length];
        int next = 0;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int start = 0; start < mask.length; start++) {
            if (mask[start] <= 0.5f || labels[start] != 0) {
                continue;
            }
            next++;
            labels[start] = next;
            queue.add(start);
            while (!queue.isEmpty()) {
                int p = queue.poll();
                int py = p / width;
                int px = p % width;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int y = py + dy;
                        int x = px + dx;
                        if (y < 0 || y >= height || x < 0 || x >= width) {
                            continue;
                        }
                        int q = y * width + x;
                        if (mask[q] > 0.5f && labels[q] == 0) {
                            labels[q] = next;
                            queue.add(q);
                        }
                    }
                }
            }
        }
        return labels;
    }
}
