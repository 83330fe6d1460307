package org.anomaly4j.predict;

import org.anomaly4j.report.HtmlReport;
import org.anomaly4j.scoring.Thresholds;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code index.html} of a Predict run, for the person who reviews what the model flagged: every image, highest score
 * first, with its label, ground truth where known, defect regions and overlay (linked, not embedded, so a run of
 * thousands of images stays a small page; open it from the run folder).
 */
final class PredictPage {
    private PredictPage() {
    }

    /** {@code regions}: defect regions per image path ({@code null} without --masks). */
    static String html(String runId, List<PredictService.Prediction> predictions, Thresholds t, Map<String, Integer> regions,
                       double f1, double auroc, String command) {
        long flagged = predictions.stream().filter(p -> p.label().equals("anomalous")).count();
        StringBuilder h = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>anomaly4j ")
                .append(HtmlReport.esc(runId)).append("</title><style>body{font-family:sans-serif;margin:24px}")
                .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}")
                .append(".anomalous{color:#b00;font-weight:bold}.path{max-width:420px;word-break:break-all;font-size:13px}</style></head><body>");
        h.append("<h1>anomaly4j predictions ").append(HtmlReport.esc(runId)).append("</h1><p>")
                .append(predictions.size()).append(" images, ").append(flagged).append(" anomalous")
                .append(t == null ? " (the model stores no threshold: no labels)" : " at image threshold " + t.image()
                        + " (" + HtmlReport.esc(t.source()) + ")");
        if (Double.isFinite(f1)) {
            h.append(String.format("; ground truth from the folders: image F1 at that threshold %.4f, image AUROC %s", f1,
                    Double.isFinite(auroc) ? String.format("%.4f", auroc) : "n/a (the images are all of one kind)"));
        }
        h.append(". Highest score first.</p><table><tr><th>#</th><th>image</th><th>score</th><th>normalised</th><th>label</th>")
                .append("<th>ground truth</th>").append(regions == null ? "" : "<th>defect regions</th>").append("<th>overlay</th></tr>");
        List<PredictService.Prediction> byScore = predictions.stream()
                .sorted(Comparator.comparingDouble(PredictService.Prediction::score).reversed()).toList();
        for (int i = 0; i < byScore.size(); i++) {
            PredictService.Prediction p = byScore.get(i);
            h.append("<tr><td>").append(i + 1).append("</td><td class=\"path\">").append(HtmlReport.esc(p.image().toString()))
                    .append("</td><td>").append(p.score()).append("</td><td>")
                    .append(Double.isFinite(p.normalized()) ? String.format("%.4f", p.normalized()) : "").append("</td><td class=\"")
                    .append(p.label()).append("\">").append(p.label()).append("</td><td>").append(p.groundTruth()).append("</td>");
            if (regions != null) {
                h.append("<td>").append(regions.getOrDefault(p.image().toString(), 0)).append("</td>");
            }
            h.append("<td>");
            if (!p.overlay().isEmpty()) {
                h.append("<a href=\"").append(HtmlReport.esc(p.overlay())).append("\"><img loading=\"lazy\" width=\"320\" alt=\"overlay\" src=\"")
                        .append(HtmlReport.esc(p.overlay())).append("\"></a>");
            }
            h.append("</td></tr>");
        }
        h.append("</table><h2>Command</h2><pre>").append(HtmlReport.esc(command)).append("</pre></body></html>\n");
        return h.toString();
    }

    /** Regions per image from regions.csv rows (the image path is each row's first field). */
    static Map<String, Integer> regionCounts(String regionRows) {
        Map<String, Integer> counts = new java.util.HashMap<>();
        for (String line : regionRows.split("\n")) {
            if (!line.isEmpty()) {
                counts.merge(PredictionsCsv.parse(line, Path.of("regions.csv")).path(), 1, Integer::sum);
            }
        }
        return counts;
    }
}
