package org.anomaly4j.sweep;

import java.io.Serializable;
import java.util.List;

/** One candidate of a sweep: its config overrides ({@code key=value}); Serializable as Arbiter requires. */
public record SweepCandidate(List<String> overrides) implements Serializable {
}
