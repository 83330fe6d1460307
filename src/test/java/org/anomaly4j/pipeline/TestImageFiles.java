package org.anomaly4j.pipeline;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reading and writing the images of datasets that tests assemble from synthetic ones (wide strips, mosaics). */
final class TestImageFiles {
    private TestImageFiles() {
    }

    static List<Path> list(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return new ArrayList<>(s.sorted().toList());
        }
    }

    static BufferedImage read(Path p) throws Exception {
        return ImageIO.read(p.toFile());
    }

    static void write(BufferedImage img, Path file) throws Exception {
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "png", file.toFile());
    }
}
