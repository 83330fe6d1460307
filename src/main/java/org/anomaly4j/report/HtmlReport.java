package org.anomaly4j.report;

import org.anomaly4j.metrics.EvaluationMetrics;
import org.anomaly4j.pipeline.AurocByDefectType;
import org.anomaly4j.pipeline.PixelAurocByDefectType;
import org.anomaly4j.pipeline.ImageScore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * {@code index.html}: one self-contained page (images embedded, opens from disk, no network) with the
 * metrics table, ROC and PR curves, score histograms, the loss curve and the heat-map overlays of the
 * run folder. Charts are also written as {@code charts/*.png}. A chart that cannot be drawn (e.g. a
 * machine without fonts) is replaced by a note; the run is not failed for it.
 */
public final class HtmlReport {
    private static final Logger LOG = LoggerFactory.getLogger(HtmlReport.class);

    private HtmlReport() {
    }

    public static void write(RunDirectory run, RunSummary s) {
        float[] v = s.evaluation().scoreArray();
        int[] l = s.evaluation().labelArray();
        boolean bothClasses = java.util.Arrays.stream(l).anyMatch(x -> x != 0) && java.util.Arrays.stream(l).anyMatch(x -> x == 0);
        Map<String, Supplier<byte[]>> charts = new LinkedHashMap<>();
        if (bothClasses) {
            charts.put("roc", () -> Charts.roc(v, l, "Image ROC (AUROC " + fmt(s.evaluation().metrics().imageAuroc()) + ")"));
            charts.put("pr", () -> Charts.precisionRecall(v, l, "Image precision-recall"));
        }
        charts.put("histogram", () -> Charts.histogram(v, l, "Image scores: normal vs anomalous"));
        if (s.history() != null) {
            charts.put("loss", () -> Charts.loss(s.history().trainLoss(), s.history().validationLoss(),
                    "Loss per epoch (kept epoch " + s.history().bestEpoch() + ")"));
        }
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>anomaly4j ").append(esc(s.runId()))
                .append("</title><style>body{font-family:sans-serif;margin:24px;max-width:1200px}table{border-collapse:collapse}")
                .append("td,th{border:1px solid #ccc;padding:4px 10px;text-align:left}.warn{background:#fee;padding:8px}")
                .append("figure{display:inline-block;margin:8px;vertical-align:top}figcaption{font-size:13px;max-width:460px;word-break:break-all}")
                .append("</style></head><body>");
        html.append("<h1>anomaly4j run ").append(esc(s.runId())).append("</h1>");
        if (s.warning() != null && !s.warning().isEmpty()) {
            html.append("<p class=\"warn\"><b>WARNING:</b> ").append(esc(s.warning())).append("</p>");
        }
        metricsTable(html, s);
        html.append("<h2>Charts</h2>");
        try {
            Files.createDirectories(run.file("charts"));
            for (Map.Entry<String, Supplier<byte[]>> c : charts.entrySet()) {
                try {
                    byte[] png = c.getValue().get();
                    Files.write(run.file("charts/" + c.getKey() + ".png"), png);
                    html.append("<figure><img alt=\"").append(c.getKey()).append("\" src=\"data:image/png;base64,")
                            .append(Base64.getEncoder().encodeToString(png)).append("\"></figure>");
                } catch (RuntimeException | Error e) { // e.g. no fonts on a bare machine: report it, keep the run
                    LOG.warn("chart {} not drawn: {}", c.getKey(), e.toString());
                    html.append("<p class=\"warn\">chart ").append(c.getKey()).append(" not drawn: ").append(esc(e.toString())).append("</p>");
                }
            }
            overlays(html, run.file("overlays"));
            html.append("<h2>Command</h2><pre>").append(esc(s.command())).append("</pre></body></html>\n");
            run.writeString("index.html", html.toString());
        } catch (IOException e) {
            throw new org.anomaly4j.AnomalyException("cannot write the HTML report into " + run.dir() + ": " + e.getMessage(), e);
        }
    }

    private static void metricsTable(StringBuilder html, RunSummary s) {
        EvaluationMetrics m = s.evaluation().metrics();
        html.append("<h2>Metrics</h2><table><tr><th>metric</th><th>value</th></tr>");
        row(html, "image AUROC", m.imageAuroc());
        html.append("<tr><td>image AUROC, 95 % interval (DeLong)</td><td>").append(ReportWriter.intervalText(s.evaluation()))
                .append("</td></tr>");
        row(html, "image F1-max", m.imageF1Max());
        row(html, "image AP (chance " + fmt(m.anomalousFraction()) + ": the share of anomalous images)", m.imageAp());
        if (s.thresholds() != null) {
            row(html, "image F1 at the stored threshold (" + String.format("%.4g", s.thresholds().image()) + ")",
                    ReportWriter.f1AtThreshold(s));
            String flagged = s.evaluation().normalsFlaggedText(s.thresholds());
            if (!flagged.isEmpty()) {
                html.append("<tr><td>good images flagged at that threshold (false positives)</td><td>").append(flagged)
                        .append("</td></tr>");
            }
        }
        row(html, "pixel AUROC", m.pixelAuroc());
        row(html, "pixel AUPRO (FPR &le; 0.3)", m.pixelAupro());
        row(html, "pixel AP (chance " + fmt(m.defectPixelFraction()) + ": the share of defect pixels)", m.pixelAp());
        if (Double.isFinite(m.pixelF1Max())) {
            row(html, "pixel F1-max (defect masks at map value " + Float.toString((float) m.pixelF1Threshold())
                    + ", for Predict --pixel-threshold)", m.pixelF1Max());
        }
        for (AurocByDefectType.Row r : AurocByDefectType.of(s.evaluation().scores())) {
            row(html, "image AUROC, " + esc(r.defectType()) + " (" + r.images() + " images) against all normals", r.imageAuroc());
        }
        for (PixelAurocByDefectType.Row r : s.evaluation().pixelByType()) {
            row(html, "pixel AUROC, " + esc(r.defectType()) + " (" + String.format("%.1f", 100 * r.defectPixelShare())
                    + " % of all defect pixels) with all normals", r.pixelAuroc());
        }
        html.append("</table><ul><li>data: ").append(esc(s.dataSource())).append("</li><li>").append(s.split()).append(" images: ").append(m.images())
                .append(" (").append(m.anomalous()).append(" anomalous)</li><li>encoder: ").append(esc(s.encoder()))
                .append(", weights: ").append(esc(s.weightsSource())).append("</li>");
        if (s.validation() != null) {
            html.append("<li>validation (").append(esc(s.validationSet())).append("): image AUROC ")
                    .append(fmt(s.validation().metrics().imageAuroc())).append(" (95 % interval ")
                    .append(ReportWriter.intervalText(s.validation())).append("), pixel AUROC ")
                    .append(fmt(s.validation().metrics().pixelAuroc())).append("</li>");
        }
        if (s.thresholds() != null) {
            html.append("<li>thresholds: ").append(esc(s.thresholds().source())).append("</li>");
        }
        if (!s.evaluation().pixelNote().isEmpty()) {
            html.append("<li>").append(esc(s.evaluation().pixelNote())).append("</li>");
        }
        html.append("<li>scoring: ").append(String.format("%.1f", s.evaluation().imagesPerSecond())).append(" images/s; total wall time ")
                .append(String.format("%.1f", s.wallSeconds())).append(" s</li></ul>");
    }

    private static void overlays(StringBuilder html, Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> st = Files.list(dir)) {
            st.filter(p -> p.toString().endsWith(".png")).sorted().forEach(files::add);
        }
        html.append("<h2>Heat maps: highest and lowest scored test image of each type</h2>")
                .append("<p>Left: image; right: anomaly map (jet, one colour scale for the run) over the image; white: ground-truth outline.</p>");
        for (Path f : files) {
            html.append("<figure><img alt=\"overlay\" width=\"448\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(Files.readAllBytes(f))).append("\"><figcaption>")
                    .append(esc(f.getFileName().toString())).append("</figcaption></figure>");
        }
    }

    private static void row(StringBuilder html, String name, double v) {
        html.append("<tr><td>").append(name).append("</td><td>").append(fmt(v)).append("</td></tr>");
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format("%.4f", v) : "n/a";
    }

    public static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
