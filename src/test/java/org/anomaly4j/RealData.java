package org.anomaly4j;


import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the real datasets and weights for tests tagged {@code real-data} ({@code .ci/run} links
 * {@code ../shared} there). When a file is missing these tests fail rather than skip: they only run
 * when asked for ({@code -Preal-data}), and a silent skip would hide a broken CI link.
 */
public final class RealData {
    private RealData() {
    }

    public static Path weights(String name) {
        Path p = Path.of("zoo-weights", name);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("real-data test needs " + p.toAbsolutePath() + " (run .ci/run, or link ../shared/weights/* into zoo-weights/)");
        }
        return p;
    }

    public static Path dataset(String name) {
        Path p = Path.of("data", name);
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("real-data test needs " + p.toAbsolutePath() + " (run .ci/run, or link ../shared/datasets to data/)");
        }
        return p;
    }

}
