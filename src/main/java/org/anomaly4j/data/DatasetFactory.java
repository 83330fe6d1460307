package org.anomaly4j.data;

import org.anomaly4j.AnomalyException;
import org.anomaly4j.config.DataConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Turns the data section of a config into splits, whatever the layout. */
public final class DatasetFactory {
    private DatasetFactory() {
    }

    public static DatasetSplits open(DataConfig d) {
        return switch (d.layout()) {
            case "mvtec" -> MvtecLayout.scan(Path.of(d.root()), d.validationFraction(), d.seed(),
                    d.maxTrainImages(), d.maxTestImages());
            case "folders" -> FolderLayout.scan(Path.of(d.root()), d.normalDir(), d.abnormalDir(), d.maskDir(),
                    d.testNormalFraction(), d.validationFraction(), d.seed(), d.maxTrainImages());
            case "one-class" -> {
                if (!d.download().isBlank()) {
                    BenchmarkDownloads.fetchMissing(d.download(), Path.of(d.root()), d.downloadUrl());
                }
                yield OneClassLayout.scan(Path.of(d.root()), d.source(), d.normalClass(), cacheDir(d),
                        d.validationFraction(), d.seed(), d.maxTrainImages(), d.maxTestImages());
            }
            case "synthetic" -> synthetic(d);
            default -> throw new AnomalyException("data.layout: unknown layout '" + d.layout() + "'");
        };
    }

    static Path cacheDir(DataConfig d) {
        return d.cacheDir() == null || d.cacheDir().isBlank()
                ? Path.of(System.getProperty("java.io.tmpdir"), "anomaly4j-cache") : Path.of(d.cacheDir());
    }

    /** Generates the demo dataset into a temporary folder (removed when the JVM exits). */
    private static DatasetSplits synthetic(DataConfig d) {
        try {
            Path dir = Files.createTempDirectory("anomaly4j-synthetic-");
            new SyntheticDefectGenerator(Math.max(d.imageSize(), 64), d.seed()).write(dir, 60, 16, 12);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir)));
            DatasetSplits s = MvtecLayout.scan(dir, d.validationFraction(), d.seed(), d.maxTrainImages(), d.maxTestImages());
            return new DatasetSplits(s.train(), s.validation(), s.test(), s.hasMasks(),
                    "synthetic woven texture with scratches and spots (seed " + d.seed() + ")");
        } catch (IOException e) {
            throw new AnomalyException("cannot create a temporary folder for the synthetic dataset: " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: it is a temp folder
        }
    }
}
