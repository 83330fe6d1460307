package org.anomaly4j.pipeline;

import me.tongfei.progressbar.ProgressBar;
import org.anomaly4j.config.ScoringConfig;
import org.anomaly4j.data.AnomalyImageRecordReader;
import org.anomaly4j.data.Cutting;
import org.anomaly4j.data.ImageBatches;
import org.anomaly4j.data.ImageSample;
import org.anomaly4j.metrics.Aupro;
import org.anomaly4j.metrics.EvaluationMetrics;
import org.anomaly4j.metrics.F1Max;
import org.anomaly4j.metrics.Ranking;
import org.anomaly4j.metrics.Roc;
import org.anomaly4j.model.HfrModel;
import org.anomaly4j.model.InferencePath;
import org.anomaly4j.scoring.AnomalyScorer;
import org.anomaly4j.scoring.BaselineMap;
import org.anomaly4j.scoring.ScoredBatch;
import org.anomaly4j.scoring.Thresholds;
import org.anomaly4j.Progress;

import java.util.ArrayList;
import java.util.List;

/** Scores a test split with a trained model and computes image and pixel metrics. */
public final class Evaluator {
    /** Why a split of good images only has no AUROC, F1 or pixel metrics, and what it tells instead. */
    public static final String NORMALS_ONLY = "the test split holds good images only: AUROC, F1 and pixel metrics need defect "
            + "images; what it measures is how many good images the stored threshold flags (false positives)";

    private Evaluator() {
    }

    /**
     * Scores {@code test} (one score per image), each anomaly map corrected by a baseline (see
     * {@link org.anomaly4j.scoring.NormalBaseline}; null: none), with images cut into pieces as the model was
     * trained ({@code data.maxStretch}; 0: whole images).
     */
    public static EvaluationResult evaluate(HfrModel model, InferencePath path, ScoringConfig scoring, BaselineMap baseline,
                                           List<ImageSample> test, boolean hasMasks, Cutting cutting) {
        long start = System.nanoTime();
        PieceScorer scorer = new PieceScorer(new AnomalyScorer(model, path, scoring, baseline), model.imageSize(), cutting);
        AnomalyImageRecordReader reader = new AnomalyImageRecordReader(test, model.imageSize(), model.sampleBits());
        List<ImageScore> scores = new ArrayList<>();
        List<float[]> maps = new ArrayList<>();
        List<float[]> masks = new ArrayList<>();
        List<String> mapTypes = new ArrayList<>();
        int offset = 0;
        try (ProgressBar pb = Progress.bar("Scoring test", test.size())) {
            while (reader.hasNext()) {
                ImageBatches.Batch b = ImageBatches.next(reader, offset, scoring.batchSize());
                ScoredBatch s = scorer.score(b);
                float[] maskData = b.masks().dup('c').data().asFloat();
                int plane = model.imageSize() * model.imageSize();
                for (int i = 0; i < b.labels().length; i++) {
                    ImageSample sample = b.samples().get(i);
                    scores.add(new ImageScore(sample.image(), sample.defectType(), b.labels()[i], s.scores()[i]));
                    if (hasMasks) {
                        maps.add(s.maps()[i]);
                        mapTypes.add(sample.defectType());
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
        Ranking image = Ranking.of(imageScores, labels);
        // every pixel of the split, flattened and ranked once: the pixel metrics and the pixel threshold share them
        Pixels all = maps.isEmpty() ? null : Pixels.of(maps, masks);
        Ranking pixels = all == null ? null : Ranking.of(all.scores(), all.labels());
        double pixelAuroc = Double.NaN;
        double aupro = Double.NaN;
        double pixelAp = Double.NaN;
        double defectPixelFraction = Double.NaN;
        F1Max pixelF1 = new F1Max(Double.NaN, Double.NaN);
        String note = "";
        List<PixelAurocByDefectType.Row> pixelByType = List.of();
        if (anomalous == 0) {
            note = NORMALS_ONLY;
        } else if (pixels != null) {
            pixelAuroc = pixels.auroc();
            pixelF1 = pixels.f1Max();
            pixelAp = pixels.averagePrecision();
            defectPixelFraction = pixels.positiveFraction();
            aupro = Aupro.compute(maps, masks, model.imageSize(), Aupro.DEFAULT_MAX_FPR);
            pixelByType = PixelAurocByDefectType.of(mapTypes, maps, masks);
        } else {
            note = "pixel metrics skipped: the dataset has no ground_truth masks (image-level evaluation only)";
        }
        EvaluationMetrics m = new EvaluationMetrics(image.auroc(), image.f1Max().f1(), image.f1Max().threshold(),
                pixelAuroc, aupro, scores.size(), anomalous, pixelF1.f1(), pixelF1.threshold(),
                image.averagePrecision(), pixelAp, defectPixelFraction);
        Thresholds fitted = fitThresholds(imageScores, labels, all, pixels);
        return new EvaluationResult(m, scores, (System.nanoTime() - start) / 1e9, scores.size() / scoringSeconds, note, fitted,
                pixelByType);
    }

    /** F1-optimal thresholds where there are anomalies (pixel: where there are masks), else at a FPR on the normals. */
    private static Thresholds fitThresholds(float[] imageScores, int[] labels, Pixels all, Ranking pixels) {
        if (imageScores.length == 0) {
            return null;
        }
        // balanced: the threshold must not follow the set's share of anomalies (data.validationCopies > 1)
        F1Max imageF1 = F1Max.balanced(imageScores, labels);
        long anomalies = java.util.Arrays.stream(labels).filter(l -> l != 0).count();
        boolean labelled = Double.isFinite(imageF1.threshold()) && anomalies < labels.length;
        double image = labelled ? imageF1.threshold()
                : Thresholds.atFalsePositiveRate(imageScores, EvaluationResult.NORMAL_FPR);
        double imageMin = Double.POSITIVE_INFINITY;
        double imageMax = Double.NEGATIVE_INFINITY;
        for (float s : imageScores) {
            imageMin = Math.min(imageMin, s);
            imageMax = Math.max(imageMax, s);
        }
        double pixel = Double.NaN;
        double pixelMin = Double.NaN;
        double pixelMax = Double.NaN;
        if (all != null) {
            float[] s = all.scores();
            pixelMin = Double.POSITIVE_INFINITY;
            pixelMax = Double.NEGATIVE_INFINITY;
            for (float v : s) {
                pixelMin = Math.min(pixelMin, v);
                pixelMax = Math.max(pixelMax, v);
            }
            F1Max pf = pixels.f1Max();
            pixel = Double.isFinite(pf.threshold()) ? pf.threshold() : Thresholds.atFalsePositiveRate(s, EvaluationResult.NORMAL_FPR);
        }
        String source = labelled ? "F1-optimal on a labelled set of " + imageScores.length + " images"
                + (2 * anomalies == labels.length ? "" : " (image threshold with normals and anomalies weighted equally)")
                : "at FPR " + EvaluationResult.NORMAL_FPR + " on " + imageScores.length + " normal images";
        return new Thresholds(image, pixel, imageMin, imageMax, pixelMin, pixelMax, source);
    }

    static double pixelAuroc(List<float[]> maps, List<float[]> masks) {
        Pixels all = Pixels.of(maps, masks);
        return Roc.auroc(all.scores(), all.labels());
    }

    /** Every pixel of a set of maps with its ground truth (1 where the mask is set), flattened in order. */
    private record Pixels(float[] scores, int[] labels) {
        static Pixels of(List<float[]> maps, List<float[]> masks) {
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
            return new Pixels(s, l);
        }
    }
}
