package org.anomaly4j.pipeline;

import org.anomaly4j.config.ConfigLoader;
import org.anomaly4j.config.HfrConfig;
import org.anomaly4j.data.AnomalyImageRecordReader;
import org.anomaly4j.data.ImageBatches;
import org.anomaly4j.data.ImageLoader;
import org.anomaly4j.data.ImagePieces;
import org.anomaly4j.data.ImageSample;
import org.anomaly4j.model.HfrModel;
import org.anomaly4j.model.HfrModelBuilder;
import org.anomaly4j.model.InferencePath;
import org.anomaly4j.model.encoder.EncoderCatalogue;
import org.anomaly4j.scoring.AnomalyScorer;
import org.anomaly4j.scoring.ScoredBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class PieceScorerTest {
    @TempDir
    Path dir;

    private static float[] constant(float v, int size) {
        float[] m = new float[size * size];
        Arrays.fill(m, v);
        return m;
    }

    @Test
    void piecesGoBackSideBySideIntoTheImagesFrame() {
        int size = 10;
        float[] wide = PieceScorer.compose(List.of(constant(1, size), constant(2, size), constant(3, size)), true, size);
        // columns 0-2 from piece 0, 3-5 from piece 1, 6-9 from piece 2 (10 / 3 does not divide)
        float[] row = Arrays.copyOfRange(wide, 4 * size, 5 * size);
        assertThat(row).containsExactly(1, 1, 1, 2, 2, 2, 3, 3, 3, 3);
        float[] tall = PieceScorer.compose(List.of(constant(5, size), constant(7, size)), false, size);
        assertThat(tall[4 * size + 3]).isEqualTo(5f);
        assertThat(tall[5 * size + 3]).isEqualTo(7f);
    }

    @Test
    void aPiecesMapIsSqueezedIntoItsShare() {
        int size = 8;
        // piece 1 of 2 across the width: a left-to-right ramp 0..7 becomes a 4-wide ramp in columns 4-7
        float[] ramp = new float[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                ramp[y * size + x] = x;
            }
        }
        float[] out = PieceScorer.compose(List.of(constant(0, size), ramp), true, size);
        float[] row = Arrays.copyOfRange(out, 2 * size, 3 * size);
        assertThat(row[4]).isLessThan(row[5]);
        assertThat(row[5]).isLessThan(row[6]);
        assertThat(row[6]).isLessThan(row[7]);
        assertThat(row[4]).isEqualTo(0.5f); // half-pixel centres: (0 + 1) / 2
        assertThat(row[7]).isEqualTo(6.5f);
    }

    @Test
    void aBatchMixingCutAndWholeImagesScoresEachAsItIsCut() throws Exception {
        int size = SIZE;
        AnomalyScorer scorer = untrainedScorer();
        List<ImageSample> samples = mixedShapes();
        ImageBatches.Batch batch = ImageBatches.next(new AnomalyImageRecordReader(samples, size), 0, samples.size());
        ScoredBatch got = new PieceScorer(scorer, size, 1.5).score(batch);

        for (int i = 0; i < samples.size(); i++) {
            List<ImageSample> pieces = ImagePieces.of(samples.get(i), 1.5);
            List<float[]> maps = new ArrayList<>();
            float score = Float.NEGATIVE_INFINITY;
            for (ImageSample piece : pieces) {
                ScoredBatch one = scorer.score(Nd4j.create(ImageLoader.loadRgb(piece, size), new long[]{1, 3, size, size}, 'c'));
                maps.add(one.maps()[0]);
                score = Math.max(score, one.scores()[0]);
            }
            float[] expected = pieces.size() == 1 ? maps.get(0) : PieceScorer.compose(maps, pieces.get(0).piece().alongWidth(), size);
            assertThat(pieces).hasSize(new int[]{3, 1, 2, 1}[i]);
            assertThat(got.scores()[i]).as(samples.get(i).image().toString()).isCloseTo(score, org.assertj.core.data.Offset.offset(1e-5f));
            for (int p = 0; p < expected.length; p++) {
                assertThat(got.maps()[i][p]).isCloseTo(expected[p], org.assertj.core.data.Offset.offset(1e-5f));
            }
        }
        batch.close();
    }

    @Test
    void imagesInMemoryAreCutAndScoredAsTheSameFiles() throws Exception {
        int size = SIZE;
        AnomalyScorer scorer = untrainedScorer();
        List<ImageSample> samples = mixedShapes();
        ImageBatches.Batch batch = ImageBatches.next(new AnomalyImageRecordReader(samples, size), 0, samples.size());
        PieceScorer pieces = new PieceScorer(scorer, size, 1.5);
        ScoredBatch fromFiles = pieces.score(batch);
        List<BufferedImage> images = new ArrayList<>();
        for (ImageSample s : samples) {
            images.add(ImageIO.read(s.image().toFile()));
        }
        // chunks of 2 inputs: the wide image's 3 pieces straddle two forward passes
        ScoredBatch inMemory = pieces.score(images, List.of("a", "b", "c", "d"), 2);
        for (int i = 0; i < samples.size(); i++) {
            assertThat(inMemory.scores()[i]).as(samples.get(i).image().toString())
                    .isCloseTo(fromFiles.scores()[i], org.assertj.core.data.Offset.offset(1e-5f));
            for (int p = 0; p < size * size; p++) {
                assertThat(inMemory.maps()[i][p]).isCloseTo(fromFiles.maps()[i][p], org.assertj.core.data.Offset.offset(1e-5f));
            }
        }
        batch.close();
    }

    private static final int SIZE = 32;

    /** A scorer over an untrained tiny model: the piece logic needs maps, not good ones. */
    private static AnomalyScorer untrainedScorer() {
        HfrConfig cfg = ConfigLoader.load(null, List.of("model.encoder=tiny", "model.decoder.width=8", "model.decoder.bottleneck=4",
                "data.imageSize=" + SIZE, "scoring.sigma=1", "scoring.scoreMode=max"));
        HfrModel model = HfrModelBuilder.build(EncoderCatalogue.build(cfg.model(), SIZE, 1), cfg.model(), cfg.train(), SIZE);
        return new AnomalyScorer(model, new InferencePath(model, cfg.model(), cfg.train()), cfg.scoring());
    }

    /** At maxStretch 1.5: cut in 3 across, whole, cut in 2 down, whole. */
    private List<ImageSample> mixedShapes() throws Exception {
        return List.of(sample("wide.png", 96, 32, 1), sample("square.png", 32, 32, 2),
                sample("tall.png", 32, 64, 3), sample("square2.png", 40, 36, 4));
    }

    private ImageSample sample(String name, int w, int h, long seed) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, r.nextInt(0xffffff));
            }
        }
        Path file = dir.resolve(name);
        ImageIO.write(img, "png", file.toFile());
        return new ImageSample(file, "good", null);
    }
}
