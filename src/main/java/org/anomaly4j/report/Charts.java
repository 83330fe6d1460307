package org.anomaly4j.report;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The report's charts as PNG bytes (JFreeChart, rendered off-screen). */
public final class Charts {
    static final int WIDTH = 560;
    static final int HEIGHT = 400;

    private Charts() {
    }

    /** ROC curve (false-positive rate vs true-positive rate) of image scores. */
    public static byte[] roc(float[] scores, int[] labels, String title) {
        XYSeries s = new XYSeries("ROC");
        for (double[] p : sweep(scores, labels)) {
            s.add(p[1], p[0]); // x = FPR, y = TPR
        }
        XYSeries chance = new XYSeries("chance");
        chance.add(0, 0);
        chance.add(1, 1);
        XYSeriesCollection data = new XYSeriesCollection(s);
        data.addSeries(chance);
        return png(ChartFactory.createXYLineChart(title, "false-positive rate", "true-positive rate", data,
                PlotOrientation.VERTICAL, true, false, false));
    }

    /** Precision-recall curve of image scores. */
    public static byte[] precisionRecall(float[] scores, int[] labels, String title) {
        XYSeries s = new XYSeries("PR", false);
        for (double[] p : sweep(scores, labels)) {
            if (p[2] > 0) {
                s.add(p[0], p[3]); // x = recall, y = precision
            }
        }
        return png(ChartFactory.createXYLineChart(title, "recall", "precision", new XYSeriesCollection(s),
                PlotOrientation.VERTICAL, true, false, false));
    }

    /** Score histograms of normal and anomalous images on shared bins. */
    public static byte[] histogram(float[] scores, int[] labels, String title) {
        List<Double> normal = new ArrayList<>();
        List<Double> anomalous = new ArrayList<>();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < scores.length; i++) {
            (labels[i] != 0 ? anomalous : normal).add((double) scores[i]);
            lo = Math.min(lo, scores[i]);
            hi = Math.max(hi, scores[i]);
        }
        if (hi <= lo) {
            hi = lo + 1e-6;
        }
        HistogramDataset data = new HistogramDataset();
        if (!normal.isEmpty()) {
            data.addSeries("normal (" + normal.size() + ")", normal.stream().mapToDouble(d -> d).toArray(), 40, lo, hi);
        }
        if (!anomalous.isEmpty()) {
            data.addSeries("anomalous (" + anomalous.size() + ")", anomalous.stream().mapToDouble(d -> d).toArray(), 40, lo, hi);
        }
        JFreeChart c = ChartFactory.createHistogram(title, "image score", "images", data, PlotOrientation.VERTICAL, true, false, false);
        c.getXYPlot().setForegroundAlpha(0.6f);
        return png(c);
    }

    /** Training and validation loss per epoch. */
    public static byte[] loss(List<Double> train, List<Double> validation, String title) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYSeries t = new XYSeries("training");
        for (int e = 0; e < train.size(); e++) {
            t.add(e + 1, train.get(e));
        }
        data.addSeries(t);
        if (validation != null && !validation.isEmpty()) {
            XYSeries v = new XYSeries("validation");
            for (int e = 0; e < validation.size(); e++) {
                if (validation.get(e) != null && Double.isFinite(validation.get(e))) {
                    v.add(e + 1, validation.get(e));
                }
            }
            data.addSeries(v);
        }
        return png(ChartFactory.createXYLineChart(title, "epoch", "loss", data, PlotOrientation.VERTICAL, true, false, false));
    }

    /** Rows of {TPR, FPR, predicted positives, precision} at every distinct threshold, from high to low. */
    static List<double[]> sweep(float[] scores, int[] labels) {
        Integer[] idx = new Integer[scores.length];
        long pos = 0;
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
            pos += labels[i] != 0 ? 1 : 0;
        }
        long neg = scores.length - pos;
        java.util.Arrays.sort(idx, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        List<double[]> rows = new ArrayList<>();
        rows.add(new double[]{0, 0, 0, 1});
        long tp = 0;
        long fp = 0;
        for (int k = 0; k < idx.length; k++) {
            if (labels[idx[k]] != 0) {
                tp++;
            } else {
                fp++;
            }
            if (k + 1 == idx.length || scores[idx[k + 1]] != scores[idx[k]]) {
                rows.add(new double[]{pos == 0 ? 0 : (double) tp / pos, neg == 0 ? 0 : (double) fp / neg, tp + fp,
                        (double) tp / (tp + fp)});
            }
        }
        return rows;
    }

    static byte[] png(JFreeChart chart) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
