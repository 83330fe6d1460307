package org.anomaly4j.pipeline;

import org.anomaly4j.AnomalyException;
import org.anomaly4j.metrics.PairedAurocDifference;
import org.anomaly4j.report.CsvRow;
import org.anomaly4j.report.ReportWriter;
import org.anomaly4j.report.RunSummary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Two runs' image scores on the same images of one split, compared by {@link PairedAurocDifference}: the validation
 * split ({@code validation-scores.csv} of a Train run, or {@code scores.csv} of an {@code Evaluate --split validation}
 * run) or the test split ({@code scores.csv} of a Train or Evaluate run). The images must be the same, in the same order (the same split of the same data);
 * synthetic validation copies are matched by their place, and each is clustered with the held-out normal it was made
 * from (the normals come first, then round after round of one copy of each).
 */
public final class RunComparison {
    /** Bootstrap resamples: enough for the 2.5 and 97.5 % points to settle to about 0.002. */
    public static final int RESAMPLES = 2000;

    private RunComparison() {
    }

    /** On the validation split. */
    public static PairedAurocDifference of(Path runA, Path runB) {
        return of(runA, runB, RunSummary.VALIDATION);
    }

    /** @param split {@link RunSummary#VALIDATION} or {@link RunSummary#TEST} */
    public static PairedAurocDifference of(Path runA, Path runB, String split) {
        List<CsvRow> a = rows(scoresOf(runA, split));
        List<CsvRow> b = rows(scoresOf(runB, split));
        if (a.size() != b.size()) {
            throw new AnomalyException(runA + " scored " + a.size() + " " + split + " images, " + runB + " " + b.size()
                    + ": compare runs on the same split of the same data (Evaluate both models with the same --split and data)");
        }
        float[] sa = new float[a.size()];
        float[] sb = new float[a.size()];
        int[] labels = new int[a.size()];
        int[] cluster = new int[a.size()];
        int normalsBeforeCopies = -1;
        for (int i = 0; i < a.size(); i++) {
            CsvRow ra = a.get(i);
            CsvRow rb = b.get(i);
            boolean copy = ra.rest()[0].startsWith("synthetic_");
            boolean sameImage = copy ? ra.rest()[0].equals(rb.rest()[0])
                    : Path.of(ra.path()).getFileName().equals(Path.of(rb.path()).getFileName()) && ra.rest()[0].equals(rb.rest()[0]);
            if (!sameImage || !ra.rest()[1].equals(rb.rest()[1])) {
                throw new AnomalyException("row " + (i + 2) + " differs: " + ra.path() + " (" + ra.rest()[0] + ") in " + runA + ", "
                        + rb.path() + " (" + rb.rest()[0] + ") in " + runB + ": compare runs on the same split of the same data");
            }
            sa[i] = Float.parseFloat(ra.rest()[2]);
            sb[i] = Float.parseFloat(rb.rest()[2]);
            labels[i] = Integer.parseInt(ra.rest()[1]);
            if (copy && normalsBeforeCopies < 0) {
                normalsBeforeCopies = i;
            }
            cluster[i] = copy && normalsBeforeCopies > 0 ? (i - normalsBeforeCopies) % normalsBeforeCopies : i;
        }
        int[] dense = renumber(cluster);
        return PairedAurocDifference.of(sa, sb, labels, dense, RESAMPLES, 1);
    }

    /** Cluster ids made 0 .. n-1 in order of first appearance. */
    private static int[] renumber(int[] ids) {
        java.util.Map<Integer, Integer> next = new java.util.HashMap<>();
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = next.computeIfAbsent(ids[i], k -> next.size());
        }
        return out;
    }

    /** The file of a run folder with its scores on {@code split}. */
    static Path scoresOf(Path run, String split) {
        Path scores = run.resolve("scores.csv");
        if (!Files.isRegularFile(scores)) {
            throw new AnomalyException("no scores.csv in " + run + " (give the folder of a Train or Evaluate run)");
        }
        String scored = splitOf(run);
        if (RunSummary.VALIDATION.equals(split)) {
            Path validation = run.resolve(ReportWriter.VALIDATION_SCORES);
            if (Files.isRegularFile(validation)) {
                return validation;
            }
            if (scored.equals(RunSummary.VALIDATION)) {
                return scores;
            }
            throw new AnomalyException("no validation scores in " + run + " (a run from before Train kept them, or without "
                    + "validation images): Evaluate its model with --split validation and compare that run");
        }
        if (!scored.equals(RunSummary.TEST)) {
            throw new AnomalyException(run + " scored the validation split, not the test split");
        }
        return scores;
    }

    /** The split a run's scores.csv is of: as its metrics.json says, or for runs before it said, as its summary does. */
    private static String splitOf(Path run) {
        try {
            Path metrics = run.resolve("metrics.json");
            if (Files.isRegularFile(metrics)) {
                String split = new com.fasterxml.jackson.databind.ObjectMapper().readTree(metrics.toFile()).path("split").asText("");
                if (!split.isEmpty()) {
                    return split;
                }
            }
            Path summary = run.resolve("summary.md");
            return Files.isRegularFile(summary) && Files.readString(summary).contains("VALIDATION split")
                    ? RunSummary.VALIDATION : RunSummary.TEST;
        } catch (IOException e) {
            throw new AnomalyException("cannot read " + run + ": " + e.getMessage(), e);
        }
    }

    private static List<CsvRow> rows(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.subList(1, lines.size()).stream().filter(l -> !l.isEmpty()).map(l -> CsvRow.parse(l, file)).toList();
        } catch (IOException e) {
            throw new AnomalyException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
