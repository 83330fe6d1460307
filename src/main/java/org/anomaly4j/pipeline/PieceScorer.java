package org.anomaly4j.pipeline;

import org.anomaly4j.data.ImageBatches;
import org.anomaly4j.data.ImageLoader;
import org.anomaly4j.data.ImagePieces;
import org.anomaly4j.data.ImageSample;
import org.anomaly4j.data.Piece;
import org.anomaly4j.scoring.AnomalyScorer;
import org.anomaly4j.scoring.BilinearUpsampler;
import org.anomaly4j.scoring.ScoredBatch;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.List;

/**
 * Scores whole images when the model was trained on pieces ({@code data.maxStretch}): scores each
 * image's pieces, puts their maps back into the image's own square frame (each piece's map resized to its
 * share of it, as the whole image is when stretched to the square, so masks and overlays line up) and
 * gives the image its highest piece score. Without pieces it is the {@link AnomalyScorer}.
 */
public final class PieceScorer {
    private final AnomalyScorer scorer;
    private final int size;
    private final double maxStretch;

    public PieceScorer(AnomalyScorer scorer, int size, double maxStretch) {
        this.scorer = scorer;
        this.size = size;
        this.maxStretch = maxStretch;
    }

    /**
     * Maps (size x size, the whole image) and scores of a batch of whole images. Images that are not cut are
     * scored from the batch as loaded; only the cut ones are read again, once each for all their pieces.
     */
    public ScoredBatch score(ImageBatches.Batch b) {
        if (maxStretch <= 0) {
            return scorer.score(b.images());
        }
        List<List<ImageSample>> perImage = b.samples().stream().map(s -> ImagePieces.of(s, maxStretch)).toList();
        List<Long> whole = new ArrayList<>();
        List<List<ImageSample>> cut = new ArrayList<>();
        for (int i = 0; i < perImage.size(); i++) {
            if (perImage.get(i).size() == 1) {
                whole.add((long) i);
            } else {
                cut.add(perImage.get(i));
            }
        }
        if (cut.isEmpty()) {
            return scorer.score(b.images());
        }
        ScoredBatch wholeScored = null;
        if (!whole.isEmpty()) {
            INDArray rows = b.images().get(NDArrayIndex.indices(whole.stream().mapToLong(Long::longValue).toArray()),
                    NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all());
            wholeScored = scorer.score(rows);
            if (rows.closeable()) {
                rows.close();
            }
        }
        ScoredBatch pieceScored = scorePieces(cut, b.samples().size());
        float[][] maps = new float[perImage.size()][];
        float[] scores = new float[perImage.size()];
        int nextWhole = 0;
        int nextPiece = 0;
        for (int i = 0; i < perImage.size(); i++) {
            int n = perImage.get(i).size();
            if (n == 1) {
                maps[i] = wholeScored.maps()[nextWhole];
                scores[i] = wholeScored.scores()[nextWhole++];
                continue;
            }
            List<float[]> mine = new ArrayList<>();
            scores[i] = Float.NEGATIVE_INFINITY;
            for (int k = 0; k < n; k++, nextPiece++) {
                mine.add(pieceScored.maps()[nextPiece]);
                scores[i] = Math.max(scores[i], pieceScored.scores()[nextPiece]);
            }
            maps[i] = compose(mine, perImage.get(i).get(0).piece().alongWidth(), size);
        }
        return new ScoredBatch(maps, scores, size);
    }

    /**
     * The pieces' maps and scores, image after image, piece after piece. Each cut image is decoded once for
     * all its pieces (no masks: scoring needs none); the model sees as many inputs at a time as the caller's
     * batch, not up to round(aspect) times more, and only that many decoded pieces are held at a time
     * (a long strip can make dozens).
     */
    private ScoredBatch scorePieces(List<List<ImageSample>> cutImages, int chunk) {
        int total = cutImages.stream().mapToInt(List::size).sum();
        float[][] maps = new float[total][];
        float[] scores = new float[total];
        List<float[]> pending = new ArrayList<>();
        int done = 0;
        for (List<ImageSample> pieces : cutImages) {
            pending.addAll(ImageLoader.loadRgbPieces(pieces.get(0).image(),
                    pieces.stream().map(ImageSample::piece).toList(), size));
            while (pending.size() >= chunk) {
                done = scoreInto(pending, chunk, maps, scores, done);
            }
        }
        while (!pending.isEmpty()) {
            done = scoreInto(pending, Math.min(chunk, pending.size()), maps, scores, done);
        }
        return new ScoredBatch(maps, scores, size);
    }

    /** Scores the first n pending inputs into maps/scores from index done on, drops them, and returns the new done. */
    private int scoreInto(List<float[]> pending, int n, float[][] maps, float[] scores, int done) {
        int plane = 3 * size * size;
        float[] flat = new float[n * plane];
        for (int k = 0; k < n; k++) {
            System.arraycopy(pending.get(k), 0, flat, k * plane, plane);
        }
        try (INDArray batch = Nd4j.create(flat, new long[]{n, 3, size, size}, 'c')) {
            ScoredBatch s = scorer.score(batch);
            System.arraycopy(s.maps(), 0, maps, done, n);
            System.arraycopy(s.scores(), 0, scores, done, n);
        }
        pending.subList(0, n).clear();
        return done + n;
    }

    /** The pieces' size x size maps, each resized to its share of one size x size frame, side by side. */
    static float[] compose(List<float[]> pieceMaps, boolean alongWidth, int size) {
        float[] out = new float[size * size];
        int n = pieceMaps.size();
        for (int k = 0; k < n; k++) {
            int[] span = new Piece(k, n, alongWidth).span(size);
            int len = span[1] - span[0];
            if (alongWidth) {
                float[] part = BilinearUpsampler.resize(pieceMaps.get(k), size, size, size, len);
                for (int y = 0; y < size; y++) {
                    System.arraycopy(part, y * len, out, y * size + span[0], len);
                }
            } else {
                float[] part = BilinearUpsampler.resize(pieceMaps.get(k), size, size, len, size);
                System.arraycopy(part, 0, out, span[0] * size, len * size);
            }
        }
        return out;
    }
}
