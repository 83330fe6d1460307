package org.anomaly4j.sweep;

import java.util.List;

/** One line of the sweep table: a candidate's overrides, score (null when it failed), time, status and run folder. */
public record SweepRow(int index, List<String> overrides, Double score, double seconds, String status, String runDir,
                       String error) {
}
