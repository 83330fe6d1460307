package org.anomaly4j.report;

import org.anomaly4j.config.ScoringConfig;
import org.anomaly4j.data.AnomalyImageRecordReader;
import org.anomaly4j.data.ImageBatches;
import org.anomaly4j.data.ImageSample;
import org.anomaly4j.model.HfrModel;
import org.anomaly4j.model.InferencePath;
import org.anomaly4j.pipeline.ImageScore;
import org.anomaly4j.pipeline.PieceScorer;
import org.anomaly4j.scoring.AnomalyScorer;
import org.anomaly4j.scoring.BaselineMap;
import org.anomaly4j.scoring.ScoredBatch;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes heat-map overlays ({@code overlays/<type>_<best|worst>_<file>.png}: image | map over image)
 * for the highest- and lowest-scored test image of every defect type, all on one colour scale.
 */
public final class OverlayWriter {
    private OverlayWriter() {
    }

    public static List<Path> write(RunDirectory run, HfrModel model, InferencePath path, ScoringConfig scoring,
                                   BaselineMap baseline, List<ImageSample> test, List<ImageScore> scores, org.anomaly4j.data.Cutting cutting) {
        Map<String, List<Integer>> byType = new LinkedHashMap<>();
        for (int i = 0; i < scores.size(); i++) {
            byType.computeIfAbsent(scores.get(i).defectType(), k -> new ArrayList<>()).add(i);
        }
        List<ImageSample> chosen = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e : byType.entrySet()) {
            List<Integer> idx = new ArrayList<>(e.getValue());
            idx.sort(Comparator.comparingDouble(i -> scores.get(i).score()));
            int worst = idx.get(0);
            int best = idx.get(idx.size() - 1);
            chosen.add(test.get(best));
            names.add(e.getKey() + "_highest_" + stem(test.get(best)));
            if (worst != best) {
                chosen.add(test.get(worst));
                names.add(e.getKey() + "_lowest_" + stem(test.get(worst)));
            }
        }
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (ImageScore s : scores) {
            lo = Math.min(lo, s.score());
            hi = Math.max(hi, s.score());
        }
        PieceScorer scorer = new PieceScorer(new AnomalyScorer(model, path, scoring, baseline), model.imageSize(), cutting);
        AnomalyImageRecordReader reader = new AnomalyImageRecordReader(chosen, model.imageSize(), model.sampleBits());
        ImageBatches.Batch b = ImageBatches.next(reader, 0, chosen.size());
        ScoredBatch s = scorer.score(b);
        int size = model.imageSize();
        float[] rgb = b.images().dup('c').data().asFloat();
        float[] masks = b.masks().dup('c').data().asFloat();
        float minMap = baseline == null ? 0f : lo; // distances start at 0; baseline-corrected maps can go below
        List<Path> written = new ArrayList<>();
        try {
            Path dir = run.file("overlays");
            Files.createDirectories(dir);
            for (int i = 0; i < chosen.size(); i++) {
                float[] img = java.util.Arrays.copyOfRange(rgb, i * 3 * size * size, (i + 1) * 3 * size * size);
                float[] mask = chosen.get(i).mask() == null ? null
                        : java.util.Arrays.copyOfRange(masks, i * size * size, (i + 1) * size * size);
                Path out = dir.resolve(names.get(i) + ".png");
                ImageIO.write(HeatmapOverlay.render(img, s.maps()[i], mask, size, Math.min(minMap, lo), hi), "png", out.toFile());
                written.add(out);
            }
        } catch (IOException e) {
            throw new org.anomaly4j.AnomalyException("cannot write overlays into " + run.dir() + ": " + e.getMessage(), e);
        }
        return written;
    }

    private static String stem(ImageSample s) {
        String n = s.image().getFileName().toString();
        int dot = n.lastIndexOf('.');
        return (dot > 0 ? n.substring(0, dot) : n).replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}
