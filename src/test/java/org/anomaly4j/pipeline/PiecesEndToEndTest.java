package org.anomaly4j.pipeline;

import org.anomaly4j.config.HfrConfig;
import org.anomaly4j.data.ImagePieces;
import org.anomaly4j.data.MvtecLayout;
import org.anomaly4j.data.SyntheticDefectGenerator;
import org.anomaly4j.predict.PredictInputs;
import org.anomaly4j.predict.PredictService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.anomaly4j.pipeline.TestImageFiles.list;
import static org.anomaly4j.pipeline.TestImageFiles.read;
import static org.anomaly4j.pipeline.TestImageFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code data.maxStretch} end to end on images three times wider than high (three synthetic tiles side
 * by side, a defect in the middle one): training sees the pieces, every report, Evaluate and Predict
 * speak of whole images, and detection works as on square images.
 */
class PiecesEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void wideImagesAreTrainedAndScoredAsPieces() throws Exception {
        Path square = new SyntheticDefectGenerator(64, 3).write(dir.resolve("square"), 60, 12, 10);
        Path wide = widen(square, dir.resolve("wide"));
        HfrConfig cfg = TinyDetector.config("data.root=" + wide, "data.imageSize=64", "data.maxStretch=1.5");
        var splits = MvtecLayout.scan(wide, 0.1, 1, 0, 0);
        assertThat(ImagePieces.expand(splits.train(), 1.5)).hasSize(3 * splits.train().size());

        TrainService.Result r = TrainService.run(cfg, "test", dir.resolve("reports"), "run1");
        int testImages = splits.test().size();
        assertThat(r.evaluation().scores()).as("one score per whole image").hasSize(testImages);
        // with the pieces 0.95 / 0.99; the same images squashed whole to 64x64 (data.maxStretch=0) give 0.69 / 0.81
        assertThat(r.evaluation().metrics().imageAuroc()).as("image AUROC").isGreaterThan(0.85);
        assertThat(r.evaluation().metrics().pixelAuroc()).as("pixel AUROC").isGreaterThan(0.9);
        assertThat(r.validation().scores()).as("validation: whole images").hasSize(2 * splits.validation().size());
        assertThat(Files.readAllLines(dir.resolve("reports/run1/scores.csv"))).hasSize(testImages + 1);

        ModelStore.Loaded loaded = ModelStore.load(dir.resolve("reports/run1/model.zip"));
        assertThat(loaded.config().data().maxStretch()).isEqualTo(1.5);
        EvaluateService.Result evaluated = EvaluateService.run(loaded, loaded.config().data(), loaded.config().scoring(), "test",
                dir.resolve("reports"), "eval1");
        EvaluationResult again = evaluated.evaluation();
        // the random tiny encoder is warned of; the shapes are not, as the images are cut into pieces
        assertThat(evaluated.warning()).contains(loaded.model().weightsSource()).doesNotContain("differ in shape");
        assertThat(r.warning()).doesNotContain("differ in shape");
        assertThat(again.metrics().imageAuroc()).isEqualTo(r.evaluation().metrics().imageAuroc());
        assertThat(again.metrics().pixelAuroc()).isEqualTo(r.evaluation().metrics().pixelAuroc());

        PredictService.Result p = PredictService.run(loaded, PredictInputs.expand(List.of(wide.resolve("test").toString())),
                PredictService.Options.DEFAULT, "test", dir.resolve("reports"), "predict1");
        assertThat(p.predictions()).hasSize(testImages);
        assertThat(p.imageAuroc()).isCloseTo(r.evaluation().metrics().imageAuroc(), org.assertj.core.data.Offset.offset(1e-9));
    }

    /** Every image becomes [normal, image, normal] side by side (masks [0, mask, 0]); train images three normals. */
    private static Path widen(Path src, Path dst) throws Exception {
        List<Path> goods = list(src.resolve("train/good"));
        int g = 0;
        for (int i = 0; i + 2 < goods.size(); i += 3) {
            write(concat(read(goods.get(i)), read(goods.get(i + 1)), read(goods.get(i + 2))), dst.resolve("train/good/" + i + ".png"));
        }
        try (Stream<Path> types = Files.list(src.resolve("test"))) {
            for (Path type : types.toList()) {
                for (Path img : list(type)) {
                    String name = type.getFileName() + "/" + img.getFileName().toString().replaceAll("\\.[a-z]+$", "");
                    write(concat(read(goods.get(g++ % goods.size())), read(img), read(goods.get(g++ % goods.size()))),
                            dst.resolve("test/" + name + ".png"));
                    Path mask = src.resolve("ground_truth/" + name + "_mask.png");
                    if (Files.exists(mask)) {
                        BufferedImage m = read(mask);
                        BufferedImage none = new BufferedImage(m.getWidth(), m.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
                        write(concat(none, m, none), dst.resolve("ground_truth/" + name + "_mask.png"));
                    }
                }
            }
        }
        return dst;
    }

    private static BufferedImage concat(BufferedImage a, BufferedImage b, BufferedImage c) {
        BufferedImage out = new BufferedImage(a.getWidth() * 3, a.getHeight(), BufferedImage.TYPE_INT_RGB);
        var g = out.createGraphics();
        g.drawImage(a, 0, 0, null);
        g.drawImage(b, a.getWidth(), 0, null);
        g.drawImage(c, 2 * a.getWidth(), 0, null);
        g.dispose();
        return out;
    }
}
