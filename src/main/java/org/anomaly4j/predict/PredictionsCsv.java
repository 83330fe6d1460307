package org.anomaly4j.predict;

import org.anomaly4j.AnomalyException;
import org.anomaly4j.report.CsvRow;

import java.nio.file.Path;
import java.util.List;

/**
 * The two CSV files Predict writes, {@code predictions.csv} and {@code regions.csv}: their rows, and the rows read back
 * ({@link CsvRow}; an interrupted run's rows are read again on {@code --resume}).
 */
final class PredictionsCsv {
    static final String PREDICTIONS_HEADER = "path,score,normalized_score,label,ground_truth,overlay\n";
    static final String REGIONS_HEADER = "path,region,x,y,width,height,area,peak_score\n";

    private PredictionsCsv() {
    }

    static String predictions(List<PredictService.Prediction> predictions) {
        StringBuilder sb = new StringBuilder(PREDICTIONS_HEADER);
        predictions.forEach(p -> sb.append(row(p)));
        return sb.toString();
    }

    /** One predictions.csv row, with its line end. */
    static String row(PredictService.Prediction p) {
        return quoted(p.image()) + ',' + p.score() + ','
                + (Double.isFinite(p.normalized()) ? String.format("%.6f", p.normalized()) : "") + ','
                + p.label() + ',' + p.groundTruth() + ',' + p.overlay() + '\n';
    }

    /** One regions.csv row per region of an image (none when nothing reaches the pixel threshold), numbered from 1. */
    static String regionRows(Path image, List<DefectRegion> regions) {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < regions.size(); r++) {
            DefectRegion d = regions.get(r);
            sb.append(quoted(image)).append(',').append(r + 1).append(',')
                    .append(d.x()).append(',').append(d.y()).append(',').append(d.width()).append(',').append(d.height()).append(',')
                    .append(d.area()).append(',').append(d.peakScore()).append('\n');
        }
        return sb.toString();
    }

    /** A path as one CSV field ({@link CsvRow#quoted}). */
    static String quoted(Path p) {
        return CsvRow.quoted(p);
    }

    /** A row's path and the fields after it, as written by {@link #row} or {@link #regionRows}. */
    static CsvRow parse(String line, Path file) {
        try {
            return CsvRow.parse(line, file);
        } catch (AnomalyException e) {
            throw new AnomalyException(e.getMessage() + " (delete the interrupted run's folder and run Predict again without --resume)", e);
        }
    }
}
