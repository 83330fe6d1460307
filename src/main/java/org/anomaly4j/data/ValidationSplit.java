package org.anomaly4j.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Deterministic, seeded splits: the same files and seed always give the same partition. */
public final class ValidationSplit {
    private ValidationSplit() {
    }

    /** Returns {kept, heldOut}; held-out has round(fraction * n) items, at least 1 when fraction &gt; 0 and n &gt; 1. */
    @SuppressWarnings("unchecked")
    public static <T> List<T>[] split(List<T> items, double fraction, long seed) {
        List<T> shuffled = shuffled(items, seed);
        int held = (int) Math.round(fraction * items.size());
        if (fraction > 0 && held == 0 && items.size() > 1) {
            held = 1;
        }
        List<T> heldOut = new ArrayList<>(shuffled.subList(0, held));
        List<T> kept = new ArrayList<>(shuffled.subList(held, shuffled.size()));
        return new List[]{kept, heldOut};
    }

    public static <T> List<T> shuffled(List<T> items, long seed) {
        List<T> copy = new ArrayList<>(items);
        Collections.shuffle(copy, new Random(seed));
        return copy;
    }
}
