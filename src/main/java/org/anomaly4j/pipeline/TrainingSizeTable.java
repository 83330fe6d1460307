package org.anomaly4j.pipeline;

import org.anomaly4j.config.HfrConfig;
import org.anomaly4j.metrics.PairedAurocDifference;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The training-size suite's table: Markdown for people, JSON for resume and scripts ({@link SuiteRecord}). */
final class TrainingSizeTable {
    private TrainingSizeTable() {
    }

    static void write(Path config, HfrConfig cfg, int available, List<TrainingSizeBenchmark.SizeResult> results, int planned,
                      Map<Integer, PairedAurocDifference> againstLargest, double seconds, String command, Path table) {
        StringBuilder md = new StringBuilder("# How many good images: ").append(config).append("\n\n");
        md.append("Data: `").append(cfg.data().root()).append("`, ").append(available).append(" training normals after the ")
                .append("validation split. Each size is a seeded random subset of them (`data.maxTrainImages`; the smaller ")
                .append("sets are inside the larger), trained for about the same number of steps (the config's ")
                .append(cfg.train().epochs()).append(" epochs × ").append(available).append(" / size, at most ")
                .append(TrainingSizeBenchmark.MAX_EPOCHS).append("); validation and test splits are the same for every size.\n\n");
        md.append("| training normals | epochs | validation image AUROC | against the largest on validation (paired, 95 %) "
                + "| test image AUROC | test pixel AUROC | test AUPRO | wall time (s) |\n|---|---|---|---|---|---|---|---|\n");
        for (TrainingSizeBenchmark.SizeResult r : results) {
            md.append("| ").append(r.images()).append(" | ").append(r.epochs()).append(" | ");
            if (r.failed()) {
                md.append("failed: ").append(r.error().replace("|", "\\|").replace("\n", " ")).append(" | | | | | ");
            } else {
                PairedAurocDifference d = againstLargest.get(r.images());
                md.append(f(r.validationImageAuroc())).append(" | ").append(d == null ? "—" : String.format("%+.4f (%+.4f … %+.4f): %s",
                                d.difference(), d.lower(), d.upper(), verdict(d)))
                        .append(" | ").append(f(r.testImageAuroc())).append(" | ").append(f(r.testPixelAuroc())).append(" | ")
                        .append(f(r.testPixelAupro())).append(" | ");
            }
            md.append(String.format("%.0f", r.seconds())).append(" |\n");
        }
        md.append("\n- sizes: ").append(results.size()).append(" of ").append(planned).append(" planned")
                .append(results.size() < planned ? " (suite still running or stopped)" : "").append("\n");
        md.append("- how to read it: a size whose interval lies below 0 is worse than the largest on validation; where every ")
                .append("interval from some size on holds 0, more images of this kind did not help measurably (the validation ")
                .append("defects are synthetic: the test columns say how real defects fared)\n");
        md.append("- encoder: ").append(cfg.model().encoder()).append(", image size ").append(cfg.data().imageSize())
                .append(", batch ").append(cfg.train().batchSize()).append(", seed ").append(cfg.train().seed()).append("\n");
        md.append("\nCommand:\n\n```\n").append(command).append("\n```\n");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("config", config.toString());
        json.put("training_normals", available);
        json.put("sizes", results);
        Map<String, Object> compared = new LinkedHashMap<>();
        againstLargest.forEach((n, d) -> compared.put(String.valueOf(n), d));
        json.put("validation_against_largest", compared);
        json.put("planned", planned);
        SuiteRecord.putSettings(json, cfg, seconds, command);
        SuiteRecord.write(table.getParent(), table.getFileName().toString(), md.toString(), json);
    }

    /** In the table's words: the smaller set (B) against the largest (A). */
    private static String verdict(PairedAurocDifference d) {
        return d.lower() > 0 ? "better" : d.upper() < 0 ? "worse" : "a tie";
    }

    private static String f(double v) {
        return Double.isNaN(v) ? "n/a" : String.format("%.4f", v);
    }
}
