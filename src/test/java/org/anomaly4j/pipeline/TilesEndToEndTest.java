package org.anomaly4j.pipeline;

import org.anomaly4j.config.HfrConfig;
import org.anomaly4j.data.Cutting;
import org.anomaly4j.data.ImagePieces;
import org.anomaly4j.data.MvtecLayout;
import org.anomaly4j.data.Piece;
import org.anomaly4j.data.SyntheticDefectGenerator;
import org.anomaly4j.predict.PredictInputs;
import org.anomaly4j.predict.PredictService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.anomaly4j.pipeline.TestImageFiles.list;
import static org.anomaly4j.pipeline.TestImageFiles.read;
import static org.anomaly4j.pipeline.TestImageFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code data.tiles}: the grid, the maps put back into the image's frame, and end to end on images twice the input
 * size (2 x 2 synthetic textures, a defect in one quadrant): trained and scored as tiles, reported as whole images.
 */
class TilesEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void tilesCoverTheImageRowByRowAndCombineWithPieces() {
        List<Piece> four = new Cutting(0, 2).pieces(100, 81);
        assertThat(four).extracting(p -> p.bounds(100, 81)).containsExactly(new Rectangle(0, 0, 50, 40),
                new Rectangle(50, 0, 50, 40), new Rectangle(0, 40, 50, 41), new Rectangle(50, 40, 50, 41));
        assertThat(new Cutting(1.5, 2).pieces(300, 100)).as("3 pieces, each in 2 x 2 tiles").hasSize(12)
                .allMatch(p -> p.cols() == 6 && p.rows() == 2);
        assertThat(new Cutting(0, 1).pieces(300, 100)).isEmpty();
        assertThat(Cutting.WHOLE.whole()).isTrue();
        assertThat(new Cutting(0, 3).whole()).isFalse();

        // each tile's map lands in its cell of the frame
        int size = 8;
        List<float[]> maps = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            float[] m = new float[size * size];
            java.util.Arrays.fill(m, k + 1);
            maps.add(m);
        }
        float[] frame = PieceScorer.compose(maps, 2, 2, size);
        assertThat(frame[0]).isEqualTo(1);
        assertThat(frame[size - 1]).isEqualTo(2);
        assertThat(frame[(size - 1) * size]).isEqualTo(3);
        assertThat(frame[size * size - 1]).isEqualTo(4);
    }

    @Test
    void largeImagesAreTrainedAndScoredAsTiles() throws Exception {
        Path plain = new SyntheticDefectGenerator(48, 7).write(dir.resolve("plain"), 96, 12, 10);
        Path large = mosaic(plain, dir.resolve("large"));
        HfrConfig cfg = TinyDetector.config("data.root=" + large, "data.imageSize=48", "data.tiles=2");
        var splits = MvtecLayout.scan(large, 0.1, 1, 0, 0);
        assertThat(ImagePieces.expand(splits.train(), cfg.data().cutting())).hasSize(4 * splits.train().size());

        TrainService.Result r = TrainService.run(cfg, "test", dir.resolve("reports"), "tiles");
        assertThat(r.evaluation().scores()).as("one score per whole image").hasSize(splits.test().size());
        // with tiles 0.89 / 0.99; the same images shrunk whole to 48 x 48 (data.tiles=1) give 0.44 / 0.54
        assertThat(r.evaluation().metrics().imageAuroc()).as("image AUROC").isGreaterThan(0.85);
        assertThat(r.evaluation().metrics().pixelAuroc()).as("pixel AUROC").isGreaterThan(0.9);

        ModelStore.Loaded loaded = ModelStore.load(r.runDir().resolve("model.zip"));
        assertThat(loaded.config().data().tiles()).isEqualTo(2);
        PredictService.Result p = PredictService.run(loaded, PredictInputs.expand(List.of(large.resolve("test").toString())),
                PredictService.Options.DEFAULT, "test", dir.resolve("reports"), "predict");
        assertThat(p.imageAuroc()).isCloseTo(r.evaluation().metrics().imageAuroc(), org.assertj.core.data.Offset.offset(1e-9));
    }

    /** Every image becomes a 2 x 2 mosaic: training images of four normals, test images with the image bottom right. */
    private static Path mosaic(Path src, Path dst) throws Exception {
        List<Path> goods = list(src.resolve("train/good"));
        for (int i = 0; i + 3 < goods.size(); i += 4) {
            write(grid(read(goods.get(i)), read(goods.get(i + 1)), read(goods.get(i + 2)), read(goods.get(i + 3))),
                    dst.resolve("train/good/" + i + ".png"));
        }
        int g = 0;
        try (Stream<Path> types = Files.list(src.resolve("test"))) {
            for (Path type : types.toList()) {
                for (Path img : list(type)) {
                    String name = type.getFileName() + "/" + img.getFileName().toString().replaceAll("\\.[a-z]+$", "");
                    write(grid(read(goods.get(g++ % goods.size())), read(goods.get(g++ % goods.size())),
                            read(goods.get(g++ % goods.size())), read(img)), dst.resolve("test/" + name + ".png"));
                    Path mask = src.resolve("ground_truth/" + name + "_mask.png");
                    if (Files.exists(mask)) {
                        BufferedImage m = read(mask);
                        BufferedImage none = new BufferedImage(m.getWidth(), m.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
                        write(grid(none, none, none, m), dst.resolve("ground_truth/" + name + "_mask.png"));
                    }
                }
            }
        }
        return dst;
    }

    private static BufferedImage grid(BufferedImage a, BufferedImage b, BufferedImage c, BufferedImage d) {
        int w = a.getWidth();
        int h = a.getHeight();
        BufferedImage out = new BufferedImage(2 * w, 2 * h, a.getType() == BufferedImage.TYPE_BYTE_GRAY
                ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        var g = out.createGraphics();
        g.drawImage(a, 0, 0, null);
        g.drawImage(b, w, 0, null);
        g.drawImage(c, 0, h, null);
        g.drawImage(d, w, h, null);
        g.dispose();
        return out;
    }
}
