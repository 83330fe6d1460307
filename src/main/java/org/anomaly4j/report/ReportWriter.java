package org.anomaly4j.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.anomaly4j.metrics.AurocInterval;
import org.anomaly4j.metrics.EvaluationMetrics;
import org.anomaly4j.metrics.F1Max;
import org.anomaly4j.pipeline.AurocByDefectType;
import org.anomaly4j.pipeline.PixelAurocByDefectType;
import org.anomaly4j.pipeline.EvaluationResult;
import org.anomaly4j.pipeline.ImageScore;
import org.anomaly4j.train.ReconstructionCheck;
import org.anomaly4j.train.TrainingHistory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Writes metrics.json, summary.md, scores.csv, history.json and index.html into a run folder. */
public final class ReportWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Every validation image's score of a Train run, as scores.csv is the test split's. */
    public static final String VALIDATION_SCORES = "validation-scores.csv";

    private ReportWriter() {
    }

    /** anomalib-style keys of a test-split evaluation; NaN (not computed) becomes null. */
    public static Map<String, Object> metricsMap(EvaluationMetrics m) {
        return metricsMap(m, RunSummary.TEST);
    }

    /** The same, the image counts named after {@code split} ({@code test_images}, {@code validation_images}). */
    static Map<String, Object> metricsMap(EvaluationMetrics m, String split) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("image_AUROC", finite(m.imageAuroc()));
        out.put("image_F1Max", finite(m.imageF1Max()));
        out.put("image_F1Max_threshold", finite(m.imageF1Threshold()));
        out.put("image_AP", finite(m.imageAp()));
        out.put("pixel_AUROC", finite(m.pixelAuroc()));
        out.put("pixel_AUPRO", finite(m.pixelAupro()));
        out.put("pixel_F1Max", finite(m.pixelF1Max()));
        out.put("pixel_F1Max_threshold", finite(m.pixelF1Threshold()));
        out.put("pixel_AP", finite(m.pixelAp()));
        out.put("pixel_defect_fraction", finite(m.defectPixelFraction())); // the pixel AP's chance level
        out.put(split + "_images", m.images());
        out.put(split + "_anomalous", m.anomalous());
        return out;
    }

    private static Object finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    public static void write(RunDirectory run, RunSummary s) {
        try {
            Map<String, Object> metrics = new LinkedHashMap<>(metricsMap(s.evaluation().metrics(), s.split()));
            metrics.put("split", s.split()); // which split the metrics and scores.csv are of
            putInterval(metrics, "image_AUROC_CI95", s.evaluation());
            metrics.put("eval_seconds", s.evaluation().seconds());
            metrics.put("eval_images_per_second", s.evaluation().imagesPerSecond());
            if (s.history() != null) {
                metrics.put("train_seconds", s.history().seconds());
            }
            if (s.validation() != null) {
                metrics.put("validation_set", s.validationSet());
                metrics.put("validation_image_AUROC", finite(s.validation().metrics().imageAuroc()));
                putInterval(metrics, "validation_image_AUROC_CI95", s.validation());
                metrics.put("validation_pixel_AUROC", finite(s.validation().metrics().pixelAuroc()));
            }
            if (s.thresholds() != null) {
                metrics.put("image_threshold", s.thresholds().image());
                metrics.put("image_F1_at_threshold", finite(f1AtThreshold(s)));
                metrics.put("pixel_threshold", finite(s.thresholds().pixel()));
                int normals = s.evaluation().metrics().images() - s.evaluation().metrics().anomalous();
                if (normals > 0) {
                    metrics.put(s.split() + "_normals_flagged_at_threshold", s.evaluation().normalsFlagged(s.thresholds()));
                    metrics.put(s.split() + "_normal_FPR_at_threshold", (double) s.evaluation().normalsFlagged(s.thresholds()) / normals);
                }
                metrics.put("thresholds_source", s.thresholds().source());
            }
            double lineThreshold = s.evaluation().thresholdForNormalFpr(EvaluationResult.LINE_FPR);
            if (Double.isFinite(lineThreshold)) {
                metrics.put("image_threshold_at_" + s.split() + "_normal_FPR_" + EvaluationResult.LINE_FPR, lineThreshold);
            }
            if (!s.evaluation().pixelNote().isEmpty()) {
                metrics.put("note", s.evaluation().pixelNote());
            }
            if (!s.reconstruction().isEmpty()) {
                Map<String, Object> check = new LinkedHashMap<>();
                for (ReconstructionCheck.Tap t : s.reconstruction()) {
                    check.put(t.name(), Map.of("decoder", t.decoder(), "mean_feature", t.meanFeature()));
                }
                metrics.put("reconstruction_check", check);
            }
            Map<String, Object> byType = new LinkedHashMap<>();
            for (AurocByDefectType.Row r : AurocByDefectType.of(s.evaluation().scores())) {
                byType.put(r.defectType(), finite(r.imageAuroc()));
            }
            if (!byType.isEmpty()) {
                metrics.put("image_AUROC_by_defect_type", byType);
            }
            Map<String, Object> pixelByType = new LinkedHashMap<>();
            Map<String, Object> pixelShare = new LinkedHashMap<>();
            for (PixelAurocByDefectType.Row r : s.evaluation().pixelByType()) {
                pixelByType.put(r.defectType(), finite(r.pixelAuroc()));
                pixelShare.put(r.defectType(), finite(r.defectPixelShare()));
            }
            if (!pixelByType.isEmpty()) {
                metrics.put("pixel_AUROC_by_defect_type", pixelByType);
                metrics.put("defect_pixel_share_by_defect_type", pixelShare);
            }
            run.writeString("metrics.json", JSON.writeValueAsString(metrics));
            if (s.history() != null) {
                Map<String, Object> h = new LinkedHashMap<>();
                h.put("train_loss", s.history().trainLoss());
                h.put("validation_loss", s.history().validationLoss());
                h.put("best_epoch", s.history().bestEpoch());
                h.put("feature_cache", s.history().featureCache());
                h.put("seconds", s.history().seconds());
                h.put("epoch_seconds", s.history().epochSeconds());
                run.writeString("history.json", JSON.writeValueAsString(h));
            }
            run.writeString("scores.csv", csv(s.evaluation().scores()));
            if (s.validation() != null) { // for Compare: settings are compared on validation, never on the test split
                run.writeString(VALIDATION_SCORES, csv(s.validation().scores()));
            }
            run.writeString("summary.md", markdown(s));
            HtmlReport.write(run, s);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** DeLong 95 % interval of an evaluation's image AUROC. */
    private static AurocInterval interval(EvaluationResult e) {
        return AurocInterval.delong(e.scoreArray(), e.labelArray());
    }

    /** "0.77-0.90", or "n/a" with fewer than two images of a class. */
    public static String intervalText(EvaluationResult e) {
        AurocInterval ci = interval(e);
        return Double.isFinite(ci.standardError()) ? String.format("%.2f-%.2f", ci.lower(), ci.upper()) : "n/a";
    }

    private static void putInterval(Map<String, Object> metrics, String key, EvaluationResult e) {
        AurocInterval ci = interval(e);
        if (Double.isFinite(ci.standardError())) {
            metrics.put(key, List.of(ci.lower(), ci.upper()));
        }
    }

    /** Image F1 on this evaluation when the model's stored threshold decides. */
    public static double f1AtThreshold(RunSummary s) {
        return F1Max.at(s.evaluation().scoreArray(), s.evaluation().labelArray(), s.thresholds().image());
    }

    static String csv(List<ImageScore> scores) {
        StringBuilder sb = new StringBuilder("image,defect_type,label,score\n");
        for (ImageScore s : scores) {
            sb.append(CsvRow.quoted(s.image())).append(',')
                    .append(s.defectType()).append(',').append(s.label()).append(',').append(s.score()).append('\n');
        }
        return sb.toString();
    }

    static String markdown(RunSummary s) {
        EvaluationMetrics m = s.evaluation().metrics();
        StringBuilder md = new StringBuilder();
        md.append("# anomaly4j run ").append(s.runId()).append("\n\n");
        if (s.warning() != null && !s.warning().isEmpty()) {
            md.append("> **WARNING:** ").append(s.warning()).append("\n\n");
        }
        md.append("| metric | value |\n|---|---|\n");
        md.append(row("image AUROC", m.imageAuroc()));
        md.append("| image AUROC, 95 % interval (DeLong) | ").append(intervalText(s.evaluation())).append(" |\n");
        md.append(row("image F1-max", m.imageF1Max()));
        md.append(row("image AP (chance " + fourDigits(m.anomalousFraction()) + ": the share of anomalous images)", m.imageAp()));
        md.append(row("pixel AUROC", m.pixelAuroc()));
        md.append(row("pixel AUPRO (FPR <= 0.3)", m.pixelAupro()));
        md.append(row("pixel AP (chance " + fourDigits(m.defectPixelFraction()) + ": the share of defect pixels)", m.pixelAp()));
        if (Double.isFinite(m.pixelF1Max())) {
            md.append("| pixel F1-max (defect masks at map value ").append(Float.toString((float) m.pixelF1Threshold()))
                    .append(", for Predict --pixel-threshold) | ").append(fourDigits(m.pixelF1Max())).append(" |\n");
        }
        if (s.thresholds() != null) {
            md.append(row("image F1 at the stored threshold " + String.format("%.4g", s.thresholds().image()), f1AtThreshold(s)));
            String flagged = s.evaluation().normalsFlaggedText(s.thresholds());
            if (!flagged.isEmpty()) {
                md.append("| good images flagged at that threshold (false positives) | ").append(flagged).append(" |\n");
            }
        }
        md.append("\n");
        List<AurocByDefectType.Row> byType = AurocByDefectType.of(s.evaluation().scores());
        if (!byType.isEmpty()) {
            Map<String, PixelAurocByDefectType.Row> pixel = new LinkedHashMap<>();
            s.evaluation().pixelByType().forEach(r -> pixel.put(r.defectType(), r));
            md.append("| defect type (each against all normals) | images | image AUROC |")
                    .append(pixel.isEmpty() ? "\n|---|---|---|\n" : " pixel AUROC | share of all defect pixels |\n|---|---|---|---|---|\n");
            for (AurocByDefectType.Row r : byType) {
                md.append("| ").append(r.defectType()).append(" | ").append(r.images()).append(" | ")
                        .append(fourDigits(r.imageAuroc())).append(" |");
                PixelAurocByDefectType.Row p = pixel.get(r.defectType());
                if (!pixel.isEmpty()) {
                    md.append(' ').append(p == null ? "n/a" : fourDigits(p.pixelAuroc())).append(" | ")
                            .append(p == null ? "n/a" : fourDigits(p.defectPixelShare())).append(" |");
                }
                md.append('\n');
            }
            md.append("\n");
        }
        if (s.thresholds() != null) {
            md.append("Thresholds: ").append(s.thresholds().source()).append(" (validation, not this split).\n\n");
        }
        String calibrated = lineThresholdText(s.evaluation());
        if (!calibrated.isEmpty()) {
            md.append(calibrated).append("\n\n");
        }
        if (s.validation() != null) {
            md.append("Validation (").append(s.validationSet()).append("; never the test split): image AUROC ")
                    .append(String.format("%.4f", s.validation().metrics().imageAuroc())).append(" (95 % interval ")
                    .append(intervalText(s.validation())).append("), pixel AUROC ")
                    .append(String.format("%.4f", s.validation().metrics().pixelAuroc())).append("\n\n");
        }
        if (!s.reconstruction().isEmpty()) {
            md.append("Reconstruction check (mean cosine distance on validation normals, decoder vs the mean feature; "
                    + "a decoder near the mean feature has learned little): ")
                    .append(s.reconstruction().stream().map(t -> String.format("%s %.4f vs %.4f", t.name(), t.decoder(), t.meanFeature()))
                            .collect(Collectors.joining("; "))).append("\n\n");
        }
        if (!s.evaluation().pixelNote().isEmpty()) {
            md.append("Note: ").append(s.evaluation().pixelNote()).append("\n\n");
        }
        md.append("- data: ").append(s.dataSource()).append("\n");
        md.append("- ").append(s.split()).append(" images: ").append(m.images()).append(" (").append(m.anomalous()).append(" anomalous)\n");
        md.append("- encoder: ").append(s.encoder()).append(", weights: ").append(s.weightsSource()).append("\n");
        if (s.history() != null) {
            TrainingHistory h = s.history();
            md.append("- training: ").append(h.trainLoss().size()).append(" epochs, kept epoch ").append(h.bestEpoch())
                    .append(" (lowest validation loss), ").append(String.format("%.1f", h.seconds())).append(" s")
                    .append(h.featureCache() ? ", feature cache on" : ", feature cache off").append("\n");
        }
        md.append("- scoring: ").append(String.format("%.1f", s.evaluation().seconds())).append(" s, ")
                .append(String.format("%.1f", s.evaluation().imagesPerSecond())).append(" images/s\n");
        md.append("- total wall time: ").append(String.format("%.1f", s.wallSeconds())).append(" s\n");
        md.append("\nCommand:\n\n```\n").append(s.command()).append("\n```\n");
        return md.toString();
    }

    /** The threshold calibrated on this split's good images, as a sentence ("" without good images). */
    public static String lineThresholdText(EvaluationResult e) {
        double t = e.thresholdForNormalFpr(EvaluationResult.LINE_FPR);
        if (!Double.isFinite(t)) {
            return "";
        }
        int normals = e.metrics().images() - e.metrics().anomalous();
        int flagged = (int) e.scores().stream().filter(s -> s.label() == 0 && s.score() >= t).count();
        String score = Float.toString((float) t);
        return String.format("Calibrated on this split's good images: from image score %s on, at most %.0f %% of them are "
                + "flagged (%d of %d); to label new images so, Predict --image-threshold %s (chosen on these images, so new "
                + "good images are flagged somewhat more often).", score, 100 * EvaluationResult.LINE_FPR, flagged, normals, score);
    }

    private static String row(String name, double v) {
        return "| " + name + " | " + fourDigits(v) + " |\n";
    }

    private static String fourDigits(double v) {
        return Double.isFinite(v) ? String.format("%.4f", v) : "n/a";
    }
}
