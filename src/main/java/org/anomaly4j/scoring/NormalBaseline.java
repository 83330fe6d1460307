package org.anomaly4j.scoring;

import org.anomaly4j.config.ScoringConfig;
import org.anomaly4j.data.AnomalyImageRecordReader;
import org.anomaly4j.data.ImageBatches;
import org.anomaly4j.data.ImageSample;
import org.anomaly4j.model.HfrModel;
import org.anomaly4j.model.InferencePath;

import java.util.List;

/**
 * The mean anomaly map of normal images, and for {@code train-zscore} their per-pixel spread. Errors
 * that every normal image has at the same place (image borders, where the convolutions see zero
 * padding; fixture edges) are not anomalies; subtracting the mean map removes them before the image
 * score is read off, and dividing by the spread discounts places where normal errors vary widely.
 * Computed from training normals only, so neither the validation nor the test split is involved.
 */
public final class NormalBaseline {
    /**
     * Added to every pixel's spread, as a share of the mean spread over the map: a pixel where the
     * normals happen to agree closely must not turn a tiny error into a huge score. On the
     * magnetic-tile validation split 0.01 and 0.1 tied and 1 was behind (reports/benchmarks/magnetic-tile.md);
     * of the two ties the larger floor is the safer.
     */
    static final double SPREAD_FLOOR = 0.1;

    /** {@code scoring.baseline} values that use this class (the third is {@code none}). */
    public static final String MEAN = "train-mean";
    public static final String ZSCORE = "train-zscore";

    private NormalBaseline() {
    }

    /**
     * Null when {@code scoring.baseline} is {@code none}. Takes whole training normals and, like the scorer the
     * baseline corrects, cuts them into pieces when the model was trained so ({@code maxStretch} &gt; 0; up to
     * {@code scoring.baselineImages} pieces are used).
     */
    public static BaselineMap of(HfrModel model, InferencePath path, ScoringConfig scoring, List<ImageSample> trainNormals,
                                 org.anomaly4j.data.Cutting cutting) {
        trainNormals = org.anomaly4j.data.ImagePieces.expand(trainNormals, cutting);
        boolean zscore = ZSCORE.equals(scoring.baseline());
        if (!(zscore || MEAN.equals(scoring.baseline())) || trainNormals.isEmpty()) {
            return null;
        }
        List<ImageSample> used = trainNormals.subList(0, Math.min(scoring.baselineImages(), trainNormals.size()));
        AnomalyScorer scorer = new AnomalyScorer(model, path, scoring);
        AnomalyImageRecordReader reader = new AnomalyImageRecordReader(used, model.imageSize(), model.sampleBits());
        float[] sum = new float[model.imageSize() * model.imageSize()];
        double[] squares = new double[sum.length];
        int offset = 0;
        while (reader.hasNext()) {
            ImageBatches.Batch b = ImageBatches.next(reader, offset, scoring.batchSize());
            ScoredBatch s = scorer.score(b.images());
            for (float[] m : s.maps()) {
                for (int p = 0; p < sum.length; p++) {
                    sum[p] += m[p];
                    squares[p] += (double) m[p] * m[p];
                }
            }
            offset += b.labels().length;
            b.close();
        }
        for (int p = 0; p < sum.length; p++) {
            sum[p] /= used.size();
        }
        return new BaselineMap(sum, zscore ? inverseSpread(sum, squares, used.size()) : null);
    }

    static float[] inverseSpread(float[] mean, double[] squares, int n) {
        double[] spread = new double[mean.length];
        double meanSpread = 0;
        for (int p = 0; p < mean.length; p++) {
            spread[p] = Math.sqrt(Math.max(0, squares[p] / n - (double) mean[p] * mean[p]));
            meanSpread += spread[p] / mean.length;
        }
        // a map without any spread (one image, or a constant map) keeps the plain subtraction
        double floor = meanSpread > 0 ? SPREAD_FLOOR * meanSpread : 1;
        float[] inverse = new float[mean.length];
        for (int p = 0; p < mean.length; p++) {
            inverse[p] = (float) (1 / (spread[p] + floor));
        }
        return inverse;
    }
}
