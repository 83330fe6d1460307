package org.anomaly4j.pipeline;

import org.anomaly4j.metrics.Roc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Image AUROC of each defect type against all normal images of the same evaluation: which kinds of
 * defect a model finds and which it misses (a single AUROC over all types hides a type at chance).
 */
public final class AurocByDefectType {
    private AurocByDefectType() {
    }

    /** One row of the breakdown. */
    public record Row(String defectType, int images, double imageAuroc) {
    }

    /**
     * Rows in defect-type order; empty when there are no normals or fewer than two defect types
     * (one type's AUROC is the overall image AUROC).
     */
    public static List<Row> of(List<ImageScore> scores) {
        List<ImageScore> normals = scores.stream().filter(s -> s.label() == 0).toList();
        Map<String, List<ImageScore>> byType = new TreeMap<>();
        for (ImageScore s : scores) {
            if (s.label() != 0) {
                byType.computeIfAbsent(s.defectType(), k -> new ArrayList<>()).add(s);
            }
        }
        List<Row> rows = new ArrayList<>();
        if (normals.isEmpty() || byType.size() < 2) {
            return rows;
        }
        for (Map.Entry<String, List<ImageScore>> e : byType.entrySet()) {
            List<ImageScore> defects = e.getValue();
            float[] v = new float[normals.size() + defects.size()];
            int[] labels = new int[v.length];
            for (int i = 0; i < normals.size(); i++) {
                v[i] = normals.get(i).score();
            }
            for (int i = 0; i < defects.size(); i++) {
                v[normals.size() + i] = defects.get(i).score();
                labels[normals.size() + i] = 1;
            }
            rows.add(new Row(e.getKey(), defects.size(), Roc.auroc(v, labels)));
        }
        return rows;
    }
}
