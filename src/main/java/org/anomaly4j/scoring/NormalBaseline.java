package org.anomaly4j.scoring;

import org.anomaly4j.config.ScoringConfig;
import org.anomaly4j.data.AnomalyImageRecordReader;
import org.anomaly4j.data.ImageBatches;
import org.anomaly4j.data.ImageSample;
import org.anomaly4j.model.HfrModel;
import org.anomaly4j.model.InferencePath;

import java.util.List;

/**
 * The mean anomaly map of normal images. Errors that every normal image has at the same place
 * (image borders, where the convolutions see zero padding; fixture edges) are not anomalies;
 * subtracting this map removes them before the image score is read off. Computed from training
 * normals only, so neither the validation nor the test split is involved.
 */
public final class NormalBaseline {
    private NormalBaseline() {
    }

    /** Null when {@code scoring.baseline} is {@code none}. */
    public static float[] of(HfrModel model, InferencePath path, ScoringConfig scoring, List<ImageSample> trainNormals) {
        if (!"train-mean".equals(scoring.baseline()) || trainNormals.isEmpty()) {
            return null;
        }
        List<ImageSample> used = trainNormals.subList(0, Math.min(scoring.baselineImages(), trainNormals.size()));
        AnomalyScorer scorer = new AnomalyScorer(model, path, scoring);
        AnomalyImageRecordReader reader = new AnomalyImageRecordReader(used, model.imageSize());
        float[] sum = new float[model.imageSize() * model.imageSize()];
        int offset = 0;
        while (reader.hasNext()) {
            ImageBatches.Batch b = ImageBatches.next(reader, offset, scoring.batchSize());
            ScoredBatch s = scorer.score(b.images());
            for (float[] m : s.maps()) {
                for (int p = 0; p < sum.length; p++) {
                    sum[p] += m[p];
                }
            }
            offset += b.labels().length;
            b.close();
        }
        for (int p = 0; p < sum.length; p++) {
            sum[p] /= used.size();
        }
        return sum;
    }
}
