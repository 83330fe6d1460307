package org.anomaly4j.report;

import org.anomaly4j.AnomalyException;

import java.nio.file.Path;

/**
 * A row of the CSV files anomaly4j writes ({@code scores.csv}, {@code predictions.csv}, {@code regions.csv}), read
 * back: the image path is the first field, quoted with inner quotes doubled (paths may hold commas and quotes); the
 * other fields never hold a comma.
 *
 * @param path the first field, unquoted
 * @param rest the fields after it
 */
public record CsvRow(String path, String[] rest) {

    /** A path as the first field of such a row: quoted, inner quotes doubled. */
    public static String quoted(Path p) {
        return '"' + p.toString().replace("\"", "\"\"") + '"';
    }

    /** {@code file}: where the line comes from, for the message when it is not such a row. */
    public static CsvRow parse(String line, Path file) {
        int end = 1;
        while (line.startsWith("\"") && end < line.length()) {
            if (line.charAt(end) == '"') {
                if (end + 1 < line.length() && line.charAt(end + 1) == '"') {
                    end += 2;
                    continue;
                }
                break;
            }
            end++;
        }
        if (!line.startsWith("\"") || end + 1 >= line.length() || line.charAt(end + 1) != ',') {
            throw new AnomalyException(file + ": not a row written by anomaly4j: " + line);
        }
        return new CsvRow(line.substring(1, end).replace("\"\"", "\""), line.substring(end + 2).split(",", -1));
    }
}
