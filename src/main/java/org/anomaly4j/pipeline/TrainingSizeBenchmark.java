package org.anomaly4j.pipeline;

import org.anomaly4j.AnomalyException;
import org.anomaly4j.config.ConfigLoader;
import org.anomaly4j.config.HfrConfig;
import org.anomaly4j.data.DatasetFactory;
import org.anomaly4j.metrics.PairedAurocDifference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How many good images a line needs: one Train run per training-set size, each on a seeded random subset of the
 * training normals ({@code data.maxTrainImages}: the subsets are nested, and the validation and test splits are the
 * same for every size), trained for about as many steps as the full set gets (the config's epochs × all / size, so that
 * a small set is not simply trained less), the largest size first. Each smaller size is compared with the largest on the
 * validation split (paired bootstrap, as {@code Compare}): where the interval holds 0, more images of this kind did not
 * help measurably. Table to {@code reports/benchmarks/training-size-<config>.md|json}, rewritten after every size.
 */
public final class TrainingSizeBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingSizeBenchmark.class);
    /** The word for every training normal in {@code --sizes}. */
    public static final String ALL = "all";
    /** Without {@code --sizes}: those of them below the number of training normals, and all. */
    public static final List<Integer> DEFAULT_SIZES = List.of(50, 100, 200);
    /** A cap on the scaled epochs: a handful of images would otherwise be trained for thousands. */
    static final int MAX_EPOCHS = 500;

    private TrainingSizeBenchmark() {
    }

    /** One size's outcome; the metrics are NaN and {@code error} says why when its run failed. */
    public record SizeResult(int images, int epochs, double validationImageAuroc, double testImageAuroc, double testPixelAuroc,
                             double testPixelAupro, double seconds, String runDir, String error) {
        boolean failed() {
            return !error.isEmpty();
        }
    }

    /** What ran, each smaller size's validation comparison with the largest (null where there is none), and the table. */
    public record Result(List<SizeResult> sizes, Map<Integer, PairedAurocDifference> againstLargest, Path table) {
    }

    /**
     * @param sizes  numbers of training normals, or {@link #ALL}; null for {@link #DEFAULT_SIZES}
     * @param resume keep the sizes an earlier run of this suite finished (its table, made with the same config)
     */
    public static Result run(Path config, List<String> sizes, List<String> overrides, Path reports, String command, boolean resume) {
        long start = System.nanoTime();
        for (String key : List.of("data.maxTrainImages=", "train.epochs=")) {
            if (overrides.stream().anyMatch(o -> o.strip().startsWith(key))) {
                throw new AnomalyException("--set " + key.replace("=", "") + ": the suite sets it for every size (the subset, and "
                        + "the config's train.epochs scaled to the subset); change train.epochs in the config file");
            }
        }
        HfrConfig base = ConfigLoader.load(config, overrides); // a bad config stops the suite before any work
        if (base.data().maxTrainImages() != 0) {
            throw new AnomalyException(config + ": data.maxTrainImages is " + base.data().maxTrainImages() + "; the suite needs "
                    + "every training normal to draw its subsets from (set it to 0 or leave it out)");
        }
        if (base.data().validationFraction() <= 0) {
            throw new AnomalyException(config + ": data.validationFraction is 0; the suite compares the sizes on the validation "
                    + "split (held-out normals), so it needs one (e.g. 0.1)");
        }
        org.anomaly4j.model.encoder.EncoderCatalogue.build(base.model(), base.data().imageSize(), base.train().seed()); // weights
        int available = DatasetFactory.open(base.data()).train().size();
        List<Integer> planned = resolve(sizes != null ? sizes : defaults(available), available);
        Path table = reports.resolve("benchmarks").resolve("training-size-" + stem(config));
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Map<Integer, SizeResult> finished = new LinkedHashMap<>();
        if (resume) {
            SuiteRecord.finished(table.getParent(), table.getFileName().toString(), "sizes", base, SizeResult.class)
                    .stream().filter(r -> !r.failed()).forEach(r -> finished.put(r.images(), r));
        }
        List<SizeResult> results = new ArrayList<>();
        double keptSeconds = 0;
        for (int i = 0; i < planned.size(); i++) {
            int n = planned.get(i);
            SizeResult earlier = finished.get(n);
            if (earlier != null) {
                LOG.info("Training-size suite: {} images ({} of {}) kept from the earlier run ({})", n, i + 1, planned.size(), earlier.runDir());
                results.add(earlier);
                keptSeconds += earlier.seconds();
                continue;
            }
            int epochs = epochsFor(base.train().epochs(), available, n);
            LOG.info("Training-size suite: {} of {} training normals, {} epochs ({} of {})", n, available, epochs, i + 1, planned.size());
            List<String> o = new ArrayList<>(overrides);
            o.add("data.maxTrainImages=" + n);
            o.add("train.epochs=" + epochs);
            long t0 = System.nanoTime();
            try {
                TrainService.Result r = TrainService.run(ConfigLoader.load(config, o), command + " [" + n + " images]", reports,
                        "size-" + n + "-" + stamp);
                var m = r.evaluation().metrics();
                double val = r.validation() == null ? Double.NaN : r.validation().metrics().imageAuroc();
                results.add(new SizeResult(n, epochs, val, m.imageAuroc(), m.pixelAuroc(),
                        m.pixelAupro(), seconds(t0), r.runDir().toString(), ""));
            } catch (AnomalyException e) {
                LOG.warn("Training-size suite: {} images failed: {}", n, e.getMessage());
                results.add(new SizeResult(n, epochs, Double.NaN, Double.NaN, Double.NaN, Double.NaN, seconds(t0), "", e.getMessage()));
            }
            TrainingSizeTable.write(config, base, available, results, planned.size(), comparisons(results),
                    keptSeconds + seconds(start), command, table);
        }
        Map<Integer, PairedAurocDifference> compared = comparisons(results);
        TrainingSizeTable.write(config, base, available, results, planned.size(), compared, keptSeconds + seconds(start), command, table);
        List<String> failed = results.stream().filter(SizeResult::failed).map(r -> r.images() + " images (" + r.error() + ")").toList();
        if (!failed.isEmpty()) {
            throw new AnomalyException(failed.size() + " of " + planned.size() + " sizes failed: " + String.join("; ", failed)
                    + ". The others are in " + table + ".md");
        }
        return new Result(results, compared, table);
    }

    /** {@link #DEFAULT_SIZES} that are smaller than {@code available}, and all. */
    static List<String> defaults(int available) {
        List<String> out = new ArrayList<>(DEFAULT_SIZES.stream().filter(n -> n < available).map(String::valueOf).toList());
        out.add(ALL);
        return out;
    }

    /** The sizes, largest first, each at most once; {@link #ALL} is every training normal. */
    static List<Integer> resolve(List<String> sizes, int available) {
        List<Integer> out = new ArrayList<>();
        for (String s : sizes) {
            int n;
            if (ALL.equals(s.strip())) {
                n = available;
            } else {
                try {
                    n = Integer.parseInt(s.strip());
                } catch (NumberFormatException e) {
                    throw new AnomalyException("--sizes: '" + s + "' is not a number of images or '" + ALL + "' (e.g. --sizes 50,100,200,all)");
                }
                if (n < 1 || n > available) {
                    throw new AnomalyException("--sizes: " + n + " images, but the training split holds " + available
                            + " normals (after the validation split); give sizes from 1 to " + available + " or '" + ALL + "'");
                }
            }
            if (!out.contains(n)) {
                out.add(n);
            }
        }
        if (out.isEmpty()) {
            throw new AnomalyException("--sizes: give at least one size (e.g. --sizes 50,100,200,all)");
        }
        out.sort(Comparator.reverseOrder());
        return out;
    }

    /** About as many steps as {@code epochs} over all {@code available} images: epochs × available / n, at most {@link #MAX_EPOCHS}. */
    static int epochsFor(int epochs, int available, int n) {
        return (int) Math.min(MAX_EPOCHS, Math.max(epochs, Math.round((double) epochs * available / n)));
    }

    /** Each finished size below the largest finished one against it, on the validation split. */
    static Map<Integer, PairedAurocDifference> comparisons(List<SizeResult> results) {
        Map<Integer, PairedAurocDifference> out = new LinkedHashMap<>();
        SizeResult largest = results.stream().filter(r -> !r.failed()).max(Comparator.comparingInt(SizeResult::images)).orElse(null);
        if (largest == null) {
            return out;
        }
        for (SizeResult r : results) {
            if (r.failed() || r == largest || !Files.isDirectory(Path.of(r.runDir())) || !Files.isDirectory(Path.of(largest.runDir()))) {
                continue; // a kept row whose run folder was moved or deleted has no scores left to compare
            }
            out.put(r.images(), RunComparison.of(Path.of(largest.runDir()), Path.of(r.runDir())));
        }
        return out;
    }

    private static String stem(Path config) {
        return config.getFileName().toString().replaceAll("\\.ya?ml$", "");
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
