package org.anomaly4j.metrics;

/**
 * The ranking metrics of one set of scores from a single sort: ROC area, best F1 and average precision. For the
 * pixels of a test split (tens of millions) the sort is most of the cost, so it is done once, not once per metric.
 *
 * @param positives how many labels are non-zero, of {@code total}
 */
public record Ranking(double auroc, F1Max f1Max, double averagePrecision, long positives, long total) {

    public static Ranking of(float[] scores, int[] labels) {
        SortedScores sorted = new SortedScores(scores, labels);
        long pos = SortedScores.positives(labels);
        return new Ranking(Roc.auroc(sorted, pos, labels.length - pos), F1Max.weighted(sorted, pos, 1),
                AveragePrecision.of(sorted, pos), pos, labels.length);
    }

    /** The average precision's chance level: the share of positives. */
    public double positiveFraction() {
        return total == 0 ? Double.NaN : (double) positives / total;
    }
}
