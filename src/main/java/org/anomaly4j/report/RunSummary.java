package org.anomaly4j.report;

import org.anomaly4j.scoring.Thresholds;
import org.anomaly4j.pipeline.EvaluationResult;
import org.anomaly4j.train.ReconstructionCheck;
import org.anomaly4j.train.TrainingHistory;

import java.util.List;

/**
 * Everything a run report shows. {@code history} and {@code validation} are null for Evaluate runs;
 * {@code validationSet} says which labelled validation set {@code validation} scored;
 * {@code thresholds} (the model's stored ones) are null when it has none or scoring was changed;
 * {@code reconstruction} is the decoder's check on validation normals (Train only; empty otherwise);
 * {@code split} names the split {@code evaluation} scored ({@link #TEST} or {@link #VALIDATION}).
 */
public record RunSummary(String runId, String command, String dataSource, String encoder, String weightsSource,
                         String warning, TrainingHistory history, EvaluationResult validation, String validationSet, EvaluationResult evaluation, double wallSeconds,
                         Thresholds thresholds, List<ReconstructionCheck.Tap> reconstruction, String split) {
    public static final String TEST = "test";
    public static final String VALIDATION = "validation";


    /** The non-empty ones of {@code parts}, joined into one {@code warning} ("a; b", not "a.; b"). */
    public static String warnings(String... parts) {
        List<String> kept = java.util.Arrays.stream(parts).filter(p -> p != null && !p.isEmpty()).toList();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < kept.size(); i++) {
            String p = kept.get(i);
            boolean last = i == kept.size() - 1;
            out.append(!last && p.endsWith(".") ? p.substring(0, p.length() - 1) : p).append(last ? "" : "; ");
        }
        return out.toString();
    }
}
