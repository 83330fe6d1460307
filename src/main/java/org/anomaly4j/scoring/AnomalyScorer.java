package org.anomaly4j.scoring;

import org.anomaly4j.config.ScoringConfig;
import org.anomaly4j.model.HfrModel;
import org.anomaly4j.model.InferencePath;
import org.anomaly4j.model.TapShape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Test-time half of the method: per-scale reconstruction errors, upsampled to the input size,
 * aggregated, Gaussian-smoothed into the anomaly map; the image score is read off the map.
 */
public final class AnomalyScorer {
    private final HfrModel model;
    private final InferencePath path;
    private final boolean cosine;
    private final Aggregation aggregation;
    private final GaussianSmoother smoother;
    private final ScoreMode scoreMode;
    private final int topK;
    private final BaselineMap baseline;

    public AnomalyScorer(HfrModel model, InferencePath path, ScoringConfig cfg) {
        this(model, path, cfg, null);
    }

    /** With every map corrected by a baseline learnt from normal images (null: none). */
    public AnomalyScorer(HfrModel model, InferencePath path, ScoringConfig cfg, BaselineMap baseline) {
        this.baseline = baseline;
        this.model = model;
        this.path = path;
        this.cosine = cfg.distance().equals("cosine");
        this.aggregation = Aggregation.parse(cfg.aggregation());
        this.smoother = new GaussianSmoother(cfg.sigma());
        this.scoreMode = ScoreMode.parse(cfg.scoreMode());
        this.topK = cfg.topK();
    }

    /** Scores raw RGB images in [0, 1] (NCHW, already at the model's size). */
    /** The model it scores with. */
    public HfrModel model() {
        return model;
    }

    public ScoredBatch score(INDArray rgb01) {
        INDArray input = model.preprocessing().apply(rgb01);
        Map<String, INDArray> acts = path.targetsAndReconstructions(input);
        try {
            return scoreActivations(acts, (int) rgb01.size(0));
        } finally {
            input.close();
            acts.values().forEach(a -> {
                if (a.closeable()) {
                    a.close();
                }
            });
        }
    }

    /** Scores from activations holding the targets and reconstructions by name (e.g. full-graph feedForward). */
    public ScoredBatch scoreActivations(Map<String, INDArray> acts, int n) {
        int size = model.imageSize();
        List<float[][]> perScale = new ArrayList<>();
        for (int k = 0; k < model.taps().size(); k++) {
            TapShape t = model.taps().get(k);
            INDArray tap = acts.get(t.name());
            INDArray rec = acts.get(model.reconstructions().get(k));
            INDArray err = cosine ? ScaleErrors.cosineDistance(tap, rec) : ScaleErrors.meanSquaredError(tap, rec);
            INDArray flatArray = err.castTo(DataType.FLOAT).dup('c');
            float[] flat = flatArray.data().asFloat();
            flatArray.close();
            if (err.closeable()) {
                err.close();
            }
            float[][] up = new float[n][];
            int plane = t.height() * t.width();
            for (int i = 0; i < n; i++) {
                float[] one = java.util.Arrays.copyOfRange(flat, i * plane, (i + 1) * plane);
                up[i] = BilinearUpsampler.resize(one, t.height(), t.width(), size, size);
            }
            perScale.add(up);
        }
        float[][] maps = new float[n][];
        float[] scores = new float[n];
        for (int i = 0; i < n; i++) {
            List<float[]> scales = new ArrayList<>();
            for (float[][] s : perScale) {
                scales.add(s[i]);
            }
            maps[i] = smoother.smooth(aggregation.combine(scales), size, size);
            if (baseline != null) {
                baseline.applyTo(maps[i]);
            }
            scores[i] = scoreMode.score(maps[i], topK);
        }
        return new ScoredBatch(maps, scores, size);
    }
}
