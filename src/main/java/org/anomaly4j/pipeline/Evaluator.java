package org.anomaly4j.pipeline;

import me.tongfei.progressbar.ProgressBar;
import org.anomaly4j.config.ScoringConfig;
import org.anomaly4j.data.AnomalyImageRecordReader;
import org.anomaly4j.data.ImageBatches;
import org.anomaly4j.data.ImageSample;
import org.anomaly4j.metrics.Aupro;
import org.anomaly4j.metrics.EvaluationMetrics;
import org.anomaly4j.metrics.F1Max;
import org.anomaly4j.metrics.Roc;
import org.anomaly4j.model.HfrModel;
import org.anomaly4j.model.InferencePath;
import org.anomaly4j.scoring.AnomalyScorer;
import org.anomaly4j.scoring.ScoredBatch;
import org.anomaly4j.train.Progress;

import java.util.ArrayList;
import java.util.List;

/** Scores a test split with a trained model and computes image and pixel metrics. */
public final class Evaluator {
    private Evaluator() {
    }

    public static EvaluationResult evaluate(HfrModel model, InferencePath path, ScoringConfig scoring,
                                           List<ImageSample> test, boolean hasMasks) {
        return evaluate(model, path, scoring, null, test, hasMasks);
    }

    /** With a baseline map subtracted from every anomaly map (see {@link org.anomaly4j.scoring.NormalBaseline}). */
    public static EvaluationResult evaluate(HfrModel model, InferencePath path, ScoringConfig scoring, float[] baseline,
                                           List<ImageSample> test, boolean hasMasks) {
        long start = System.nanoTime();
        AnomalyScorer scorer = new AnomalyScorer(model, path, scoring, baseline);
        AnomalyImageRecordReader reader = new AnomalyImageRecordReader(test, model.imageSize());
        List<ImageScore> scores = new ArrayList<>();
        List<float[]> maps = new ArrayList<>();
        List<float[]> masks = new ArrayList<>();
        int offset = 0;
        try (ProgressBar pb = Progress.bar("Scoring test", test.size())) {
            while (reader.hasNext()) {
                ImageBatches.Batch b = ImageBatches.next(reader, offset, scoring.batchSize());
                ScoredBatch s = scorer.score(b.images());
                float[] maskData = b.masks().dup('c').data().asFloat();
                int plane = model.imageSize() * model.imageSize();
                for (int i = 0; i < b.labels().length; i++) {
                    ImageSample sample = b.samples().get(i);
                    scores.add(new ImageScore(sample.image(), sample.defectType(), b.labels()[i], s.scores()[i]));
                    if (hasMasks) {
                        maps.add(s.maps()[i]);
                        masks.add(java.util.Arrays.copyOfRange(maskData, i * plane, (i + 1) * plane));
                    }
                }
                offset += b.labels().length;
                pb.stepBy(b.labels().length);
                b.close();
            }
        }
        double scoringSeconds = (System.nanoTime() - start) / 1e9;
        float[] imageScores = new float[scores.size()];
        int[] labels = new int[scores.size()];
        int anomalous = 0;
        for (int i = 0; i < scores.size(); i++) {
            imageScores[i] = scores.get(i).score();
            labels[i] = scores.get(i).label();
            anomalous += labels[i];
        }
        F1Max f1 = F1Max.of(imageScores, labels);
        double pixelAuroc = Double.NaN;
        double aupro = Double.NaN;
        String note = "";
        if (hasMasks) {
            pixelAuroc = pixelAuroc(maps, masks);
            aupro = Aupro.compute(maps, masks, model.imageSize(), Aupro.DEFAULT_MAX_FPR);
        } else {
            note = "pixel metrics skipped: the dataset has no ground_truth masks (image-level evaluation only)";
        }
        EvaluationMetrics m = new EvaluationMetrics(Roc.auroc(imageScores, labels), f1.f1(), f1.threshold(),
                pixelAuroc, aupro, scores.size(), anomalous);
        return new EvaluationResult(m, scores, (System.nanoTime() - start) / 1e9, scores.size() / scoringSeconds, note);
    }

    static double pixelAuroc(List<float[]> maps, List<float[]> masks) {
        int total = maps.stream().mapToInt(m -> m.length).sum();
        float[] s = new float[total];
        int[] l = new int[total];
        int o = 0;
        for (int i = 0; i < maps.size(); i++) {
            float[] map = maps.get(i);
            float[] mask = masks.get(i);
            for (int p = 0; p < map.length; p++) {
                s[o] = map[p];
                l[o] = mask[p] > 0.5f ? 1 : 0;
                o++;
            }
        }
        return Roc.auroc(s, l);
    }
}
