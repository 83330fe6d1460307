package org.anomaly4j.pipeline;

import org.anomaly4j.data.ImageSample;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pixel AUROC of each defect type: the pixels of that type's images together with every pixel of the
 * normal images, and the type's share of all defect pixels. The overall pixel AUROC weighs types by
 * their mask area, so one type with large masks (magnetic tile's brightness unevenness holds most of the
 * defect pixels) can decide it alone; this breakdown shows which.
 */
public final class PixelAurocByDefectType {
    private PixelAurocByDefectType() {
    }

    /**
     * One row of the breakdown.
     *
     * @param defectPixelShare this type's defect pixels over all defect pixels of the evaluation
     */
    public record Row(String defectType, int images, double pixelAuroc, double defectPixelShare) {
    }

    /**
     * Rows in defect-type order; empty when there are no normal images or fewer than two defect types
     * (one type's pixel AUROC would differ from the overall one only by its normals).
     *
     * @param types per image, {@code good} for normal images
     * @param maps  per image, the anomaly map
     * @param masks per image, the ground-truth mask (same length as its map; &gt; 0.5 = defect)
     */
    public static List<Row> of(List<String> types, List<float[]> maps, List<float[]> masks) {
        List<Integer> normals = new ArrayList<>();
        Map<String, List<Integer>> byType = new TreeMap<>();
        for (int i = 0; i < types.size(); i++) {
            if (ImageSample.GOOD.equals(types.get(i))) {
                normals.add(i);
            } else {
                byType.computeIfAbsent(types.get(i), k -> new ArrayList<>()).add(i);
            }
        }
        List<Row> rows = new ArrayList<>();
        if (normals.isEmpty() || byType.size() < 2) {
            return rows;
        }
        long allDefectPixels = 0;
        Map<String, Long> defectPixels = new TreeMap<>();
        for (Map.Entry<String, List<Integer>> e : byType.entrySet()) {
            long n = 0;
            for (int i : e.getValue()) {
                for (float v : masks.get(i)) {
                    n += v > 0.5f ? 1 : 0;
                }
            }
            defectPixels.put(e.getKey(), n);
            allDefectPixels += n;
        }
        for (Map.Entry<String, List<Integer>> e : byType.entrySet()) {
            List<Integer> images = new ArrayList<>(normals);
            images.addAll(e.getValue());
            double auroc = Evaluator.pixelAuroc(images.stream().map(maps::get).toList(), images.stream().map(masks::get).toList());
            rows.add(new Row(e.getKey(), e.getValue().size(), auroc,
                    allDefectPixels == 0 ? Double.NaN : (double) defectPixels.get(e.getKey()) / allDefectPixels));
        }
        return rows;
    }
}
