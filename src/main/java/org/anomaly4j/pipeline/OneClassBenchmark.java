package org.anomaly4j.pipeline;

import org.anomaly4j.config.ConfigLoader;
import org.anomaly4j.config.HfrConfig;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the one-class protocol for a list of normal classes (one Train run each) and writes the
 * suite table, with the published anchors beside it, to {@code reports/benchmarks/one-class-<dataset>.md|json}, rewritten
 * after every class, so a suite stopped part way keeps what it finished and {@code resume} continues it.
 */
public final class OneClassBenchmark {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OneClassBenchmark.class);
    /** Published mean image AUROC (%), for the table: RD4AD (ImageNet ResNet18) and Deep SVDD. */
    static final Map<String, String> ANCHORS = Map.of(
            "mnist", "RD4AD 99.3, Deep SVDD 94.8",
            "fashion-mnist", "RD4AD 95.0",
            "cifar10", "RD4AD 86.5, Deep SVDD 64.8");

    private OneClassBenchmark() {
    }

    /** {@code validationAuroc}: on held-out normals and other classes' held-out training images (NaN without a validation split). */
    public record ClassResult(String normalClass, double imageAuroc, double validationAuroc, double seconds, String runDir) {
    }

    public static List<ClassResult> run(String dataset, Path config, List<String> classes, List<String> overrides,
                                        Path reports, String command) {
        return run(dataset, config, classes, overrides, reports, command, false);
    }

    /** @param resume keep the classes an earlier run of this suite finished (its table, made with the same config), run the others */
    public static List<ClassResult> run(String dataset, Path config, List<String> classes, List<String> overrides,
                                        Path reports, String command, boolean resume) {
        long start = System.nanoTime();
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path dir = reports.resolve("benchmarks");
        HfrConfig base = ConfigLoader.load(config, overrides); // a bad config stops the suite before any work
        Map<String, ClassResult> finished = new LinkedHashMap<>();
        if (resume) {
            SuiteRecord.finished(dir, "one-class-" + dataset, "classes", base, ClassResult.class)
                    .forEach(r -> finished.put(r.normalClass(), r));
        }
        List<ClassResult> results = new ArrayList<>();
        double keptSeconds = 0;
        for (String c : classes) {
            ClassResult earlier = finished.get(c);
            if (earlier != null) {
                LOG.info("One-class suite: class {} kept from the earlier run ({})", c, earlier.runDir());
                results.add(earlier);
                keptSeconds += earlier.seconds();
                continue;
            }
            List<String> o = new ArrayList<>(overrides);
            o.add("data.normalClass=" + c);
            HfrConfig cfg = ConfigLoader.load(config, o);
            long t0 = System.nanoTime();
            TrainService.Result r = TrainService.run(cfg, command + " [class " + c + "]", reports,
                    "oneclass-" + dataset + "-" + c + "-" + stamp);
            double val = r.validation() == null ? Double.NaN : r.validation().metrics().imageAuroc();
            results.add(new ClassResult(c, r.evaluation().metrics().imageAuroc(), val, (System.nanoTime() - t0) / 1e9,
                    r.runDir().toString()));
            write(dataset, base, results, keptSeconds + (System.nanoTime() - start) / 1e9, command, dir);
        }
        write(dataset, base, results, keptSeconds + (System.nanoTime() - start) / 1e9, command, dir);
        return results;
    }

    static void write(String dataset, HfrConfig cfg, List<ClassResult> results, double seconds, String command, Path dir) {
        double mean = results.stream().mapToDouble(ClassResult::imageAuroc).average().orElse(Double.NaN);
        double valMean = results.stream().mapToDouble(ClassResult::validationAuroc).average().orElse(Double.NaN);
        String label = dataset.equals("cifar10") ? "CIFAR-10 (JPEG copy)" : dataset;
        StringBuilder md = new StringBuilder("# One-class benchmark: ").append(label).append("\n\n");
        md.append("Protocol: normal class c, train on its training images (minus a seeded validation split), test on the whole test split; anomalous = any other class. Metric: image AUROC.\n\n");
        md.append("| normal class | image AUROC (test) | validation image AUROC | wall time (s) |\n|---|---|---|---|\n");
        for (ClassResult r : results) {
            md.append("| ").append(r.normalClass()).append(" | ").append(String.format("%.4f", r.imageAuroc()))
                    .append(" | ").append(String.format("%.4f", r.validationAuroc()))
                    .append(" | ").append(String.format("%.0f", r.seconds())).append(" |\n");
        }
        md.append("| **mean** | **").append(String.format("%.4f", mean)).append("** | ").append(String.format("%.4f", valMean))
                .append(" | ").append(String.format("%.0f", seconds)).append(" |\n\n");
        md.append("Validation (for choosing settings; never the test split): the held-out normals of class c and as many ")
                .append("held-out training images of the other classes, none of them trained on.\n\n");
        md.append("Published mean image AUROC (%): ").append(ANCHORS.getOrDefault(dataset, "n/a")).append(".\n\n");
        md.append("- classes run: ").append(results.size()).append(results.size() < 10 ? " (NOT the full suite)" : "").append("\n");
        md.append("- encoder: ").append(cfg.model().encoder()).append(", image size ").append(cfg.data().imageSize())
                .append(", epochs ").append(cfg.train().epochs()).append(", seed ").append(cfg.train().seed())
                .append(", max training images per class ").append(cfg.data().maxTrainImages() == 0 ? "all" : cfg.data().maxTrainImages())
                .append(", max test images per class ").append(cfg.data().maxTestImages() == 0 ? "all" : cfg.data().maxTestImages()).append("\n");
        md.append("- scoring: ").append(cfg.scoring().distance()).append(" distance, ").append(cfg.scoring().aggregation())
                .append(" of the scales, sigma ").append(cfg.scoring().sigma())
                .append(", image score ").append(cfg.scoring().scoreMode())
                .append("topk".equals(cfg.scoring().scoreMode()) ? " (k = " + cfg.scoring().topK() + ")" : "").append("\n");
        md.append("\nCommand:\n\n```\n").append(command).append("\n```\n");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("dataset", label);
        json.put("metric", "image_AUROC");
        json.put("classes", results);
        json.put("mean_image_AUROC", mean);
        json.put("mean_validation_image_AUROC", valMean);
        json.put("anchors", ANCHORS.getOrDefault(dataset, "n/a"));
        SuiteRecord.putSettings(json, cfg, seconds, command);
        SuiteRecord.write(dir, "one-class-" + dataset, md.toString(), json);
    }

}
