package org.anomaly4j.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DuplicateCheckTest {

    @Test
    void aTestImageCopiedFromTheTrainingImagesIsNamed(@TempDir Path dir) throws Exception {
        Path root = new SyntheticDefectGenerator(32, 9).write(dir.resolve("set"), 12, 4, 2);
        DatasetSplits clean = MvtecLayout.scan(root, 0.25, 42, 0, 0);
        assertThat(ImageScreen.screen(clean, 32, false).duplicateWarning()).isEmpty();

        Path trained = clean.train().get(0).image();
        Path heldOut = clean.validation().get(0).image();
        Files.copy(trained, root.resolve("test/good/copy-of-trained.png"));
        Files.copy(heldOut, root.resolve("test/spot/copy-of-held-out.png")); // its label does not matter: it was seen
        Files.copy(root.resolve("ground_truth/spot/000_mask.png"), root.resolve("ground_truth/spot/copy-of-held-out_mask.png"));
        DatasetSplits leaky = MvtecLayout.scan(root, 0.25, 42, 0, 0);
        String w = ImageScreen.screen(leaky, 32, false).duplicateWarning();
        assertThat(w).startsWith("2 test images are byte-for-byte copies of training images")
                .contains(root.resolve("test/good/copy-of-trained.png") + " = " + trained)
                .contains(root.resolve("test/spot/copy-of-held-out.png") + " = " + heldOut)
                .contains("better than they should be");
    }

    @Test
    void filesOfTheSameSizeAreComparedByContent(@TempDir Path dir) throws Exception {
        Path a = Files.write(dir.resolve("a.png"), new byte[]{1, 2, 3, 4});
        Path b = Files.write(dir.resolve("b.png"), new byte[]{1, 2, 3, 5}); // same size, other bytes
        Path c = Files.write(dir.resolve("c.png"), new byte[]{1, 2, 3, 4});
        List<ImageSample> train = List.of(new ImageSample(a, ImageSample.GOOD, null));
        assertThat(DuplicateCheck.copies(train, List.of(new ImageSample(b, ImageSample.GOOD, null)))).isEmpty();
        assertThat(DuplicateCheck.copies(train, List.of(new ImageSample(c, "x", null), new ImageSample(c, "x", null))))
                .as("one line per image, pieces counted once").containsExactly(c + " = " + a);
    }
}
