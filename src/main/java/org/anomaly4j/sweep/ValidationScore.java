package org.anomaly4j.sweep;

import org.deeplearning4j.arbiter.optimize.api.data.DataProvider;
import org.deeplearning4j.arbiter.optimize.api.data.DataSource;
import org.deeplearning4j.arbiter.optimize.api.score.ScoreFunction;

import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The sweep's score, higher is better: AUROC on the labelled validation set (held-out normals plus
 * copies with synthetic defects) that every Train run scores. Unlike a reconstruction loss it does not
 * depend on the candidate's loss weights or loss type, so candidates compare fairly; the test split is
 * never used. Computed by {@link SweepTaskCreator} from the run; Arbiter only asks which way is better.
 */
public final class ValidationScore implements ScoreFunction {
    private final String name;

    public ValidationScore(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    @Override
    public double score(Object model, DataProvider data, Map<String, Object> dataParameters) {
        throw new UnsupportedOperationException("the sweep task computes " + name + " itself");
    }

    @Override
    public double score(Object model, Class<? extends DataSource> dataSource, Properties properties) {
        throw new UnsupportedOperationException("the sweep task computes " + name + " itself");
    }

    @Override
    public boolean minimize() {
        return false;
    }

    @Override
    public List<Class<?>> getSupportedModelTypes() {
        return List.of(Object.class);
    }

    @Override
    public List<Class<?>> getSupportedDataTypes() {
        return List.of(Object.class);
    }

    /** Arbiter requires a data provider; each candidate reads its data from the config instead. */
    public static final class ConfigData implements DataProvider {
        @Override
        public Object trainData(Map<String, Object> dataParameters) {
            return null;
        }

        @Override
        public Object testData(Map<String, Object> dataParameters) {
            return null;
        }

        @Override
        public Class<?> getDataType() {
            return Object.class;
        }
    }
}
