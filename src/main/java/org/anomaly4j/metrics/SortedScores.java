package org.anomaly4j.metrics;

import java.util.Arrays;

/**
 * Scores sorted in descending order with a 32-bit payload each (label or region id), packed into
 * primitive longs so that tens of millions of pixels sort without boxing.
 */
final class SortedScores {
    private final long[] keys;

    SortedScores(float[] scores, int[] payload) {
        keys = new long[scores.length];
        for (int i = 0; i < scores.length; i++) {
            if (Float.isNaN(scores[i])) {
                throw new IllegalArgumentException("NaN score at index " + i);
            }
            keys[i] = ((long) sortable(scores[i]) << 32) | (payload[i] & 0xffffffffL);
        }
        Arrays.sort(keys);
    }

    int size() {
        return keys.length;
    }

    /** i-th entry in descending score order. */
    int payload(int i) {
        return (int) keys[keys.length - 1 - i];
    }

    /** Whether entries i and i+1 (descending order) have the same score. */
    boolean tiedWithNext(int i) {
        return i + 1 < keys.length && (keys[keys.length - 1 - i] >> 32) == (keys[keys.length - 2 - i] >> 32);
    }

    /** What a curve sees at one threshold: the positives and negatives scored at or above it. */
    interface ThresholdVisitor {
        void at(long truePositives, long falsePositives, float threshold);
    }

    /**
     * Visits every distinct score, highest first, with the counts of non-zero (positive) and zero payloads
     * at or above it: the points of the ROC and precision-recall curves.
     */
    void walk(ThresholdVisitor visitor) {
        long tp = 0;
        long fp = 0;
        for (int i = 0; i < size(); i++) {
            if (payload(i) != 0) {
                tp++;
            } else {
                fp++;
            }
            if (!tiedWithNext(i)) {
                visitor.at(tp, fp, score(i));
            }
        }
    }

    /** How many payloads are non-zero (the positives). */
    static long positives(int[] payload) {
        long pos = 0;
        for (int l : payload) {
            pos += l != 0 ? 1 : 0;
        }
        return pos;
    }

    float score(int i) {
        return unsortable((int) (keys[keys.length - 1 - i] >> 32));
    }

    /** An int whose signed order is the float order (flip the magnitude bits of negatives). */
    static int sortable(float f) {
        int bits = Float.floatToIntBits(f == 0f ? 0f : f); // -0 == +0
        return bits ^ ((bits >> 31) & 0x7fffffff);
    }

    static float unsortable(int s) {
        return Float.intBitsToFloat(s ^ ((s >> 31) & 0x7fffffff));
    }
}
