package org.anomaly4j.sweep;

import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.integer.IntegerParameterSpace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Arbiter search space over the training config: one leaf per searched key (Arbiter's own discrete,
 * integer and continuous spaces), each taking exactly one of the flat parameters Arbiter draws, so
 * {@link #numParameters()} is the number of keys (a wrong count makes Arbiter's random generator loop
 * forever). A point of the space is the list of {@code key=value} overrides of one candidate.
 */
public final class ConfigSpace implements ParameterSpace<SweepCandidate> {
    private final Map<String, ParameterSpace<?>> leaves = new LinkedHashMap<>();
    private final Map<String, Boolean> logScale = new LinkedHashMap<>();

    public ConfigSpace(Map<String, SweepSpec.Dimension> dims) {
        for (Map.Entry<String, SweepSpec.Dimension> e : dims.entrySet()) {
            SweepSpec.Dimension d = e.getValue();
            ParameterSpace<?> leaf;
            // Identity equality: Arbiter de-duplicates equal leaves (e.g. width and bottleneck both [64, 128])
            // and would then index fewer leaves than numParameters(). Subclasses, not a wrapper: the grid
            // generator asks `instanceof DiscreteParameterSpace` for the number of grid values.
            if (d.discrete()) {
                leaf = new DiscreteParameterSpace<>(d.values()) {
                    @Override
                    public boolean equals(Object o) {
                        return this == o;
                    }

                    @Override
                    public int hashCode() {
                        return System.identityHashCode(this);
                    }
                };
            } else if (d.integer()) {
                leaf = new IntegerParameterSpace((int) d.min(), (int) d.max()) {
                    @Override
                    public boolean equals(Object o) {
                        return this == o;
                    }

                    @Override
                    public int hashCode() {
                        return System.identityHashCode(this);
                    }
                };
            } else {
                double lo = d.log() ? Math.log(d.min()) : d.min(); // log: uniform in log space
                double hi = d.log() ? Math.log(d.max()) : d.max();
                leaf = new ContinuousParameterSpace(lo, hi) {
                    @Override
                    public boolean equals(Object o) {
                        return this == o;
                    }

                    @Override
                    public int hashCode() {
                        return System.identityHashCode(this);
                    }
                };
            }
            leaves.put(e.getKey(), leaf);
            logScale.put(e.getKey(), !d.discrete() && !d.integer() && d.log());
        }
    }

    @Override
    public SweepCandidate getValue(double[] parameters) {
        List<String> overrides = new ArrayList<>();
        for (Map.Entry<String, ParameterSpace<?>> e : leaves.entrySet()) {
            Object v = e.getValue().getValue(parameters);
            if (logScale.get(e.getKey())) {
                v = Math.exp((Double) v);
            }
            overrides.add(e.getKey() + "=" + v);
        }
        return new SweepCandidate(overrides);
    }

    @Override
    public int numParameters() {
        return leaves.size();
    }

    @Override
    public List<ParameterSpace> collectLeaves() {
        return new ArrayList<>(leaves.values());
    }

    @Override
    public Map<String, ParameterSpace> getNestedSpaces() {
        return new LinkedHashMap<>(leaves);
    }

    @Override
    public boolean isLeaf() {
        return false;
    }

    @Override
    public void setIndices(int... indices) {
        throw new UnsupportedOperationException("ConfigSpace is not a leaf; Arbiter indexes its leaves");
    }
}
