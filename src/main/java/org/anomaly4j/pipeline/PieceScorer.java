package org.anomaly4j.pipeline;

import org.anomaly4j.data.Cutting;
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

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * Scores whole images, read from files or already in memory, when the model was trained on pieces
 * ({@code data.maxStretch}) or tiles ({@code data.tiles}): scores each image's pieces, puts their maps back into the
 * image's own square frame (each piece's map resized to its cell of it, as the whole image is when stretched to the
 * square, so masks and overlays line up) and gives the image its highest piece score. Without pieces it is the
 * {@link AnomalyScorer}.
 */
public final class PieceScorer {
    private final AnomalyScorer scorer;
    private final int size;
    private final Cutting cutting;

    public PieceScorer(AnomalyScorer scorer, int size, double maxStretch) {
        this(scorer, size, Cutting.stretch(maxStretch));
    }

    public PieceScorer(AnomalyScorer scorer, int size, Cutting cutting) {
        this.scorer = scorer;
        this.size = size;
        this.cutting = cutting;
    }

    /**
     * Maps (size x size, the whole image) and scores of a batch of whole images. Images that are not cut are
     * scored from the batch as loaded; only the cut ones are read again, once each for all their pieces.
     */
    public ScoredBatch score(ImageBatches.Batch b) {
        if (cutting.whole()) {
            return scorer.score(b.images());
        }
        List<int[]> imageDims = b.samples().stream().map(s -> ImageLoader.dimensions(s.image())).toList(); // headers, once
        List<List<ImageSample>> perImage = new ArrayList<>();
        for (int i = 0; i < b.samples().size(); i++) {
            perImage.add(ImagePieces.of(b.samples().get(i), cutting, imageDims.get(i)));
        }
        List<Long> whole = new ArrayList<>();
        List<List<ImageSample>> cut = new ArrayList<>();
        List<int[]> cutDims = new ArrayList<>();
        for (int i = 0; i < perImage.size(); i++) {
            if (isWhole(perImage.get(i))) {
                whole.add((long) i);
            } else {
                cut.add(perImage.get(i));
                cutDims.add(imageDims.get(i));
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
        List<Supplier<List<float[]>>> cutInputs = cut.stream().<Supplier<List<float[]>>>map(pieces -> () ->
                ImageLoader.loadRgbPieces(pieces.get(0).image(), pieces.stream().map(ImageSample::piece).toList(), size,
                        scorer.model().sampleBits())).toList();
        ScoredBatch cutScored = scoreImages(cutInputs, cut.stream().map(p -> p.stream().map(ImageSample::piece).toList()).toList(),
                cutDims, b.samples().size());
        float[][] maps = new float[perImage.size()][];
        float[] scores = new float[perImage.size()];
        int nextWhole = 0;
        int nextCut = 0;
        for (int i = 0; i < perImage.size(); i++) {
            boolean isWhole = isWhole(perImage.get(i));
            ScoredBatch from = isWhole ? wholeScored : cutScored;
            int k = isWhole ? nextWhole++ : nextCut++;
            maps[i] = from.maps()[k];
            scores[i] = from.scores()[k];
        }
        return new ScoredBatch(maps, scores, size);
    }

    /**
     * Maps (size x size, the whole image) and scores of images already in memory, each cut as the model was
     * trained ({@code data.maxStretch}); the model sees at most {@code chunk} inputs at a time. {@code names} say
     * which image a message is about.
     */
    public ScoredBatch score(List<BufferedImage> images, List<String> names, int chunk) {
        List<Supplier<List<float[]>>> inputs = new ArrayList<>();
        List<List<Piece>> perImage = new ArrayList<>();
        List<int[]> dims = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            BufferedImage img = images.get(i);
            String name = names.get(i);
            List<Piece> cut;
            try {
                cut = cutting.pieces(img.getWidth(), img.getHeight());
            } catch (IllegalArgumentException e) {
                throw new org.anomaly4j.AnomalyException("image " + name + ": " + e.getMessage(), e);
            }
            List<Piece> pieces = cut.isEmpty() ? Collections.singletonList(null) : cut; // null: the whole image
            inputs.add(() -> ImageLoader.rgbInputs(img, pieces, size, name, scorer.model().sampleBits()));
            perImage.add(pieces);
            dims.add(new int[]{img.getWidth(), img.getHeight()});
        }
        return scoreImages(inputs, perImage, dims, chunk);
    }

    /** Whether an image is scored as one input, all of it. */
    private static boolean isWhole(List<ImageSample> pieces) {
        return pieces.size() == 1 && pieces.get(0).piece() == null;
    }

    /**
     * Scores images given as their model inputs (one per piece, loaded when the image's turn comes) and puts each
     * image's piece maps back together ({@code firstPieces}: each image's first piece, null when it is not cut). The
     * model sees as many inputs at a time as {@code chunk}, not up to round(aspect) times more, and only that many
     * decoded inputs are held at a time (a long strip can make dozens).
     */
    private ScoredBatch scoreImages(List<Supplier<List<float[]>>> perImageInputs, List<List<Piece>> piecesPerImage, List<int[]> dims,
                                    int chunk) {
        List<float[]> pending = new ArrayList<>();
        List<float[]> inputMaps = new ArrayList<>();
        List<Float> inputScores = new ArrayList<>();
        for (Supplier<List<float[]>> inputs : perImageInputs) {
            pending.addAll(inputs.get());
            while (pending.size() >= chunk) {
                scoreInto(pending, chunk, inputMaps, inputScores);
            }
        }
        while (!pending.isEmpty()) {
            scoreInto(pending, Math.min(chunk, pending.size()), inputMaps, inputScores);
        }
        float[][] maps = new float[piecesPerImage.size()][];
        float[] scores = new float[piecesPerImage.size()];
        int next = 0;
        for (int i = 0; i < piecesPerImage.size(); i++) {
            List<Piece> pieces = piecesPerImage.get(i);
            Piece first = pieces.get(0);
            int n = pieces.size();
            scores[i] = Float.NEGATIVE_INFINITY;
            for (int k = next; k < next + n; k++) {
                scores[i] = Math.max(scores[i], inputScores.get(k));
            }
            List<float[]> pieceMaps = inputMaps.subList(next, next + n);
            maps[i] = first == null ? inputMaps.get(next) : first.region() != null
                    ? composeRegion(pieceMaps, pieces, dims.get(i)[0], dims.get(i)[1], size)
                    : compose(pieceMaps, first.cols(), first.rows(), size);
            next += n;
        }
        return new ScoredBatch(maps, scores, size);
    }

    /**
     * The maps of the pieces of an image's region ({@code data.crop}) in the frame of the whole image (width x height
     * scaled to size x size), each resized to its cell there; outside the region, the lowest value of the pieces' maps,
     * as normal as anything the model saw.
     */
    static float[] composeRegion(List<float[]> pieceMaps, List<Piece> pieces, int width, int height, int size) {
        float low = Float.POSITIVE_INFINITY;
        for (float[] m : pieceMaps) {
            for (float v : m) {
                low = Math.min(low, v);
            }
        }
        float[] out = new float[size * size];
        Arrays.fill(out, low);
        for (int k = 0; k < pieceMaps.size(); k++) {
            Rectangle b = pieces.get(k).bounds(width, height);
            int x0 = (int) ((long) b.x * size / width);
            int x1 = (int) ((long) (b.x + b.width) * size / width);
            int y0 = (int) ((long) b.y * size / height);
            int y1 = (int) ((long) (b.y + b.height) * size / height);
            if (x1 <= x0 || y1 <= y0) {
                continue; // a cell under one frame pixel
            }
            float[] part = BilinearUpsampler.resize(pieceMaps.get(k), size, size, y1 - y0, x1 - x0);
            for (int y = 0; y < y1 - y0; y++) {
                System.arraycopy(part, y * (x1 - x0), out, (y0 + y) * size + x0, x1 - x0);
            }
        }
        return out;
    }

    /** Scores the first n pending inputs, appends their maps and scores, and drops them. */
    private void scoreInto(List<float[]> pending, int n, List<float[]> maps, List<Float> scores) {
        int plane = 3 * size * size;
        float[] flat = new float[n * plane];
        for (int k = 0; k < n; k++) {
            System.arraycopy(pending.get(k), 0, flat, k * plane, plane);
        }
        try (INDArray batch = Nd4j.create(flat, new long[]{n, 3, size, size}, 'c')) {
            ScoredBatch s = scorer.score(batch);
            maps.addAll(Arrays.asList(s.maps()));
            for (float v : s.scores()) {
                scores.add(v);
            }
        }
        pending.subList(0, n).clear();
    }

    /** The maps of pieces cut along one side, each resized to its share of one size x size frame, side by side. */
    static float[] compose(List<float[]> pieceMaps, boolean alongWidth, int size) {
        int n = pieceMaps.size();
        return compose(pieceMaps, alongWidth ? n : 1, alongWidth ? 1 : n, size);
    }

    /** The size x size maps of a cols x rows grid of pieces (row by row), each resized to its cell of one size x size frame. */
    static float[] compose(List<float[]> pieceMaps, int cols, int rows, int size) {
        float[] out = new float[size * size];
        for (int k = 0; k < pieceMaps.size(); k++) {
            Rectangle cell = new Piece(k % cols, cols, k / cols, rows).bounds(size, size);
            float[] part = BilinearUpsampler.resize(pieceMaps.get(k), size, size, cell.height, cell.width);
            for (int y = 0; y < cell.height; y++) {
                System.arraycopy(part, y * cell.width, out, (cell.y + y) * size + cell.x, cell.width);
            }
        }
        return out;
    }
}
