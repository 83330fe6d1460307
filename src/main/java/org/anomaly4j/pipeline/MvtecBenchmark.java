package org.anomaly4j.pipeline;

import org.anomaly4j.AnomalyException;
import org.anomaly4j.config.ConfigLoader;
import org.anomaly4j.config.HfrConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The paper's MVTec AD protocol over a folder of categories (MVTec AD itself, or any collection in its layout): one
 * Train run per category, then the table of image AUROC, pixel AUROC and AUPRO with their means, to
 * {@code reports/benchmarks/mvtec-<root folder>.md|json}. The table is rewritten after every category, so a suite
 * stopped after hours keeps what it finished; a category that fails is listed with its reason and the others go on.
 */
public final class MvtecBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(MvtecBenchmark.class);
    /** Published means over MVTec AD's 15 categories, for the table (RD4AD, Deng and Li, CVPR 2022). */
    static final String ANCHOR = "RD4AD (WideResNet50): image AUROC 98.5, pixel AUROC 97.8, PRO 93.9";

    private MvtecBenchmark() {
    }

    /** One category's outcome; the metrics are NaN and {@code error} says why when its run failed. */
    public record CategoryResult(String category, double imageAuroc, double pixelAuroc, double pixelAupro,
                                 double validationImageAuroc, double seconds, String runDir, String error) {
        boolean failed() {
            return !error.isEmpty();
        }
    }

    /** What ran and where the table is. */
    public record Result(List<CategoryResult> categories, Path table) {
    }

    /** The categories under {@code root}: its sub-folders with a {@code train/good} folder, sorted. */
    public static List<String> categories(Path root) {
        if (!Files.isDirectory(root)) {
            throw new AnomalyException("folder not found: " + root + " (give --root, the folder that holds the categories, "
                    + "e.g. mvtec_anomaly_detection)");
        }
        try (Stream<Path> s = Files.list(root)) {
            List<String> found = s.filter(p -> Files.isDirectory(p.resolve("train").resolve("good")))
                    .map(p -> p.getFileName().toString()).sorted().toList();
            if (found.isEmpty()) {
                throw new AnomalyException("no category under " + root + ": a category is a folder with train/good inside "
                        + "(give --root the folder that holds bottle/, cable/, ...)");
            }
            return found;
        } catch (IOException e) {
            throw new AnomalyException("cannot list " + root + ": " + e.getMessage() + " (check permissions)", e);
        }
    }

    public static Result run(Path root, List<String> categories, Path config, List<String> overrides, Path reports, String command) {
        return run(root, categories, config, overrides, reports, command, false);
    }

    /**
     * @param resume keep the categories an earlier run of this suite finished (its table, made with the same config) and
     *               run the others; the failed ones run again
     */
    public static Result run(Path root, List<String> categories, Path config, List<String> overrides, Path reports, String command,
                             boolean resume) {
        long start = System.nanoTime();
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path table = reports.resolve("benchmarks").resolve("mvtec-" + root.toAbsolutePath().normalize().getFileName());
        List<CategoryResult> results = new ArrayList<>();
        if (overrides.stream().anyMatch(o -> o.strip().startsWith("data.root="))) {
            throw new AnomalyException("--set data.root: the suite sets each category's data.root from --root (leave it out; "
                    + "give --root the folder that holds the categories)");
        }
        for (String c : categories) {
            if (!Files.isDirectory(root.resolve(c))) {
                throw new AnomalyException("--categories: no category " + c + " under " + root + " (found: "
                        + String.join(", ", categories(root)) + ")");
            }
        }
        HfrConfig base = ConfigLoader.load(config, overrides); // a bad config or override stops the suite before any work
        // so do missing weights: every category would fail on them, each after decoding its images
        org.anomaly4j.model.encoder.EncoderCatalogue.build(base.model(), base.data().imageSize(), base.train().seed());
        Map<String, CategoryResult> finished = new LinkedHashMap<>();
        if (resume) {
            SuiteRecord.finished(table.getParent(), table.getFileName().toString(), "categories", base, CategoryResult.class)
                    .stream().filter(r -> !r.failed()).forEach(r -> finished.put(r.category(), r));
        }
        double keptSeconds = 0;
        for (int i = 0; i < categories.size(); i++) {
            String c = categories.get(i);
            CategoryResult earlier = finished.get(c);
            if (earlier != null) {
                LOG.info("MVTec suite: category {} ({} of {}) kept from the earlier run ({})", c, i + 1, categories.size(), earlier.runDir());
                results.add(earlier);
                keptSeconds += earlier.seconds();
                continue;
            }
            LOG.info("MVTec suite: category {} ({} of {})", c, i + 1, categories.size());
            List<String> o = new ArrayList<>(overrides);
            o.add("data.root=" + root.resolve(c));
            long t0 = System.nanoTime();
            try {
                HfrConfig cfg = ConfigLoader.load(config, o);
                TrainService.Result r = TrainService.run(cfg, command + " [category " + c + "]", reports, "mvtec-" + c + "-" + stamp);
                var m = r.evaluation().metrics();
                double val = r.validation() == null ? Double.NaN : r.validation().metrics().imageAuroc();
                results.add(new CategoryResult(c, m.imageAuroc(), m.pixelAuroc(), m.pixelAupro(), val, seconds(t0),
                        r.runDir().toString(), ""));
            } catch (AnomalyException e) {
                LOG.warn("MVTec suite: category {} failed: {}", c, e.getMessage());
                results.add(new CategoryResult(c, Double.NaN, Double.NaN, Double.NaN, Double.NaN, seconds(t0), "", e.getMessage()));
            }
            write(root, base, results, categories.size(), keptSeconds + seconds(start), command, table);
        }
        write(root, base, results, categories.size(), keptSeconds + seconds(start), command, table); // also when all were kept
        List<String> failed = results.stream().filter(CategoryResult::failed).map(r -> r.category() + " (" + r.error() + ")").toList();
        if (!failed.isEmpty()) {
            throw new AnomalyException(failed.size() + " of " + categories.size() + " categories failed: " + String.join("; ", failed)
                    + ". The others are in " + table + ".md");
        }
        return new Result(results, table);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** Mean over the categories that ran; NaN where a metric is NaN for one of them (e.g. no masks). */
    static double mean(List<CategoryResult> results, java.util.function.ToDoubleFunction<CategoryResult> metric) {
        return results.stream().filter(r -> !r.failed()).mapToDouble(metric).average().orElse(Double.NaN);
    }

    static void write(Path root, HfrConfig cfg, List<CategoryResult> results, int planned, double seconds, String command, Path table) {
        StringBuilder md = new StringBuilder("# MVTec AD protocol: ").append(root.toAbsolutePath().normalize()).append("\n\n");
        md.append("Protocol: per category, train on `train/good` (minus a seeded validation split), test on `test/` with the ")
                .append("`ground_truth/` masks. Metrics: image AUROC, pixel AUROC, pixel AUPRO (FPR ≤ 0.3).\n\n");
        md.append("| category | image AUROC | pixel AUROC | pixel AUPRO | validation image AUROC | wall time (s) |\n")
                .append("|---|---|---|---|---|---|\n");
        for (CategoryResult r : results) {
            md.append("| ").append(r.category()).append(" | ");
            if (r.failed()) {
                md.append("failed: ").append(r.error().replace("|", "\\|").replace("\n", " ")).append(" | | | | ");
            } else {
                md.append(f(r.imageAuroc())).append(" | ").append(f(r.pixelAuroc())).append(" | ").append(f(r.pixelAupro()))
                        .append(" | ").append(f(r.validationImageAuroc())).append(" | ");
            }
            md.append(String.format("%.0f", r.seconds())).append(" |\n");
        }
        md.append("| **mean** | **").append(f(mean(results, CategoryResult::imageAuroc))).append("** | **")
                .append(f(mean(results, CategoryResult::pixelAuroc))).append("** | **").append(f(mean(results, CategoryResult::pixelAupro)))
                .append("** | ").append(f(mean(results, CategoryResult::validationImageAuroc))).append(" | ")
                .append(String.format("%.0f", seconds)).append(" |\n\n");
        long ok = results.stream().filter(r -> !r.failed()).count();
        md.append("- categories: ").append(ok).append(" of ").append(planned).append(" planned")
                .append(results.size() < planned ? " (suite still running or stopped)" : "")
                .append(ok < results.size() ? ", " + (results.size() - ok) + " failed (means over the others)" : "").append("\n");
        md.append("- published means (%): ").append(ANCHOR).append("\n");
        md.append("- encoder: ").append(cfg.model().encoder()).append(", image size ").append(cfg.data().imageSize())
                .append(", epochs ").append(cfg.train().epochs()).append(", seed ").append(cfg.train().seed()).append("\n");
        md.append("- scoring: ").append(cfg.scoring().distance()).append(" distance, ").append(cfg.scoring().aggregation())
                .append(" of the scales, sigma ").append(cfg.scoring().sigma()).append(", image score ").append(cfg.scoring().scoreMode())
                .append(", baseline ").append(cfg.scoring().baseline()).append("\n");
        md.append("\nCommand:\n\n```\n").append(command).append("\n```\n");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("root", root.toAbsolutePath().normalize().toString());
        json.put("categories", results);
        json.put("planned", planned);
        json.put("mean_image_AUROC", mean(results, CategoryResult::imageAuroc));
        json.put("mean_pixel_AUROC", mean(results, CategoryResult::pixelAuroc));
        json.put("mean_pixel_AUPRO", mean(results, CategoryResult::pixelAupro));
        json.put("anchor", ANCHOR);
        SuiteRecord.putSettings(json, cfg, seconds, command);
        SuiteRecord.write(table.getParent(), table.getFileName().toString(), md.toString(), json);
    }

    private static String f(double v) {
        return Double.isNaN(v) ? "n/a" : String.format("%.4f", v);
    }
}
