package org.anomaly4j.data;

import org.anomaly4j.AnomalyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatasetLayoutTest {
    @TempDir
    Path dir;

    private Path synthetic() {
        return new SyntheticDefectGenerator(32, 5).write(dir.resolve("cat"), 10, 4, 3);
    }

    @Test
    void mvtecLayoutFindsSplitsMasksAndTypes() {
        DatasetSplits s = MvtecLayout.scan(synthetic(), 0.2, 1, 0, 0);
        assertThat(s.train()).hasSize(8);
        assertThat(s.validation()).hasSize(2);
        assertThat(s.test()).hasSize(4 + 3 + 3);
        assertThat(s.hasMasks()).isTrue();
        assertThat(s.test().stream().filter(ImageSample::anomalous)).allMatch(t -> t.mask() != null);
        assertThat(s.test().stream().map(ImageSample::defectType).distinct()).containsExactlyInAnyOrder("good", "scratch", "spot");
    }

    @Test
    void validationSplitIsDeterministicAndDisjoint() {
        Path root = synthetic();
        DatasetSplits a = MvtecLayout.scan(root, 0.3, 9, 0, 0);
        DatasetSplits b = MvtecLayout.scan(root, 0.3, 9, 0, 0);
        assertThat(a.validation()).isEqualTo(b.validation());
        assertThat(a.train()).doesNotContainAnyElementsOf(a.validation());
        assertThat(MvtecLayout.scan(root, 0.3, 10, 0, 0).validation()).isNotEqualTo(a.validation());
    }

    @Test
    void withoutGroundTruthTheSetIsImageLevelOnly() throws Exception {
        Path root = synthetic();
        RunFiles.deleteTree(root.resolve("ground_truth"));
        DatasetSplits s = MvtecLayout.scan(root, 0.2, 1, 0, 0);
        assertThat(s.hasMasks()).isFalse();
        assertThat(s.test()).allMatch(t -> t.mask() == null);
    }

    @Test
    void missingFolderEmptyTrainAndMissingMaskAreClearErrors() throws Exception {
        assertThatThrownBy(() -> MvtecLayout.scan(dir.resolve("none"), 0.1, 1, 0, 0))
                .isInstanceOf(AnomalyException.class).hasMessageContaining("dataset folder not found");
        Path root = synthetic();
        Path mask = root.resolve("ground_truth/scratch/000_mask.png");
        Files.delete(mask);
        assertThatThrownBy(() -> MvtecLayout.scan(root, 0.1, 1, 0, 0))
                .isInstanceOf(AnomalyException.class).hasMessageContaining("000_mask.png");
        Path empty = dir.resolve("empty");
        Files.createDirectories(empty.resolve("train/good"));
        assertThatThrownBy(() -> MvtecLayout.scan(empty, 0.1, 1, 0, 0))
                .isInstanceOf(AnomalyException.class).hasMessageContaining("no images in").hasMessageContaining("train");
    }

    @Test
    void corruptImageAndMaskOfAnotherSizeNameTheFile() throws Exception {
        Path bad = dir.resolve("bad.png");
        Files.write(bad, new byte[]{(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        assertThatThrownBy(() -> ImageLoader.loadRgb(bad, 16))
                .isInstanceOf(AnomalyException.class).hasMessageContaining("bad.png");
        Path img = dir.resolve("img.png");
        Path mask = dir.resolve("mask.png");
        ImageIO.write(new BufferedImage(20, 10, BufferedImage.TYPE_INT_RGB), "png", img.toFile());
        ImageIO.write(new BufferedImage(10, 10, BufferedImage.TYPE_BYTE_GRAY), "png", mask.toFile());
        assertThatThrownBy(() -> ImageLoader.loadMask(mask, img, 8))
                .isInstanceOf(AnomalyException.class).hasMessageContaining("mask.png").hasMessageContaining("img.png");
    }

    @Test
    void grayscaleBecomesThreeEqualChannels() throws Exception {
        BufferedImage g = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
        g.getRaster().setSample(1, 1, 0, 200);
        Path p = dir.resolve("g.png");
        ImageIO.write(g, "png", p.toFile());
        float[] chw = ImageLoader.loadRgb(p, 8);
        assertThat(chw[9]).isEqualTo(chw[64 + 9]).isEqualTo(chw[128 + 9]).isGreaterThan(0.5f);
    }

    @Test
    void folderLayoutHoldsOutNormalsForTest() throws Exception {
        Path root = synthetic();
        Path f = dir.resolve("folders");
        Files.createDirectories(f.resolve("ok"));
        Files.createDirectories(f.resolve("ng"));
        for (Path p : ImageFiles.list(root.resolve("train/good"))) {
            Files.copy(p, f.resolve("ok").resolve(p.getFileName()));
        }
        for (Path p : ImageFiles.list(root.resolve("test/spot"))) {
            Files.copy(p, f.resolve("ng").resolve(p.getFileName()));
        }
        DatasetSplits s = FolderLayout.scan(f, "ok", "ng", "", 0.2, 0.2, 3, 0);
        assertThat(s.test().stream().filter(t -> !t.anomalous())).hasSize(2);
        assertThat(s.test().stream().filter(ImageSample::anomalous)).hasSize(3);
        assertThat(s.train().size() + s.validation().size()).isEqualTo(8);
        assertThat(s.hasMasks()).isFalse();
    }

    @Test
    void folderLayoutFindsEachMaskByItsImagesStem() throws Exception {
        Path root = synthetic();
        Path f = dir.resolve("folders");
        for (String d : List.of("ok", "ng", "masks")) {
            Files.createDirectories(f.resolve(d));
        }
        for (Path p : ImageFiles.list(root.resolve("train/good"))) {
            Files.copy(p, f.resolve("ok").resolve(p.getFileName()));
        }
        List<Path> defects = ImageFiles.list(root.resolve("test/spot"));
        for (int i = 0; i < defects.size(); i++) {
            Path image = defects.get(i);
            String stem = ImageFiles.stem(image);
            Files.copy(image, f.resolve("ng").resolve(image.getFileName()));
            // with and without the _mask suffix
            Files.copy(root.resolve("ground_truth/spot/" + stem + "_mask.png"), f.resolve("masks").resolve(i == 0 ? stem + ".png" : stem + "_mask.png"));
        }
        DatasetSplits s = FolderLayout.scan(f, "ok", "ng", "masks", 0.2, 0.2, 3, 0);
        assertThat(s.hasMasks()).isTrue();
        for (ImageSample t : s.test().stream().filter(ImageSample::anomalous).toList()) {
            assertThat(ImageFiles.stem(t.mask())).startsWith(ImageFiles.stem(t.image()));
        }
        String first = ImageFiles.stem(defects.get(0));
        Files.copy(f.resolve("masks/" + first + ".png"), f.resolve("masks/" + first + "_mask.png"));
        assertThatThrownBy(() -> FolderLayout.scan(f, "ok", "ng", "masks", 0.2, 0.2, 3, 0)).isInstanceOf(AnomalyException.class)
                .hasMessageContaining("two masks for image " + first);
        Files.delete(f.resolve("masks/" + first + ".png"));
        Files.delete(f.resolve("masks/" + first + "_mask.png"));
        assertThatThrownBy(() -> FolderLayout.scan(f, "ok", "ng", "masks", 0.2, 0.2, 3, 0)).isInstanceOf(AnomalyException.class)
                .hasMessageContaining("no mask for " + f.resolve("ng").resolve(defects.get(0).getFileName()));
    }

    @Test
    void imagesInSubFoldersAreNamedNotSilentlyLeftOut() throws Exception {
        Path root = synthetic();
        Path f = dir.resolve("folders");
        Path byDay = Files.createDirectories(f.resolve("ok/2026-11-30"));
        Files.createDirectories(f.resolve("ng"));
        for (Path p : ImageFiles.list(root.resolve("train/good"))) {
            Files.copy(p, byDay.resolve(p.getFileName()));
        }
        for (Path p : ImageFiles.list(root.resolve("test/spot"))) {
            Files.copy(p, f.resolve("ng").resolve(p.getFileName()));
        }
        assertThatThrownBy(() -> FolderLayout.scan(f, "ok", "ng", "", 0.2, 0.2, 3, 0)).isInstanceOf(AnomalyException.class)
                .hasMessageContaining("no images directly in " + f.resolve("ok"))
                .hasMessageContaining("10 images in its sub-folders (e.g. " + byDay.resolve("000.png") + ")");
        // beside images directly in the folder: a warning, and only the direct ones are read
        Files.copy(byDay.resolve("000.png"), f.resolve("ok/top.png"));
        assertThat(ImageFiles.list(f.resolve("ok"))).containsExactly(f.resolve("ok/top.png"));
        Files.createDirectories(f.resolve("ng/empty-sub"));
        assertThat(ImageFiles.list(f.resolve("ng"))).as("a sub-folder without images changes nothing").hasSize(3);
    }

    @Test
    void recordReaderYieldsImageLabelMaskAndType() {
        DatasetSplits s = MvtecLayout.scan(synthetic(), 0.2, 1, 0, 0);
        AnomalyImageRecordReader r = new AnomalyImageRecordReader(s.test(), 16);
        ImageBatches.Batch b = ImageBatches.next(r, 0, 100);
        assertThat(b.images().shape()).containsExactly(10, 3, 16, 16);
        assertThat(b.masks().shape()).containsExactly(10, 1, 16, 16);
        assertThat(b.labels()).containsExactly(0, 0, 0, 0, 1, 1, 1, 1, 1, 1);
        assertThat(b.masks().sumNumber().doubleValue()).isPositive();
        assertThat(r.hasNext()).isFalse();
        r.reset();
        assertThat(r.next()).hasSize(4);
        assertThat(List.of(r.getLabels().toArray())).containsExactly("normal", "anomalous");
    }
}
