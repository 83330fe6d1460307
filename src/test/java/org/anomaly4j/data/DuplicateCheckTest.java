package org.anomaly4j.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

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
}
