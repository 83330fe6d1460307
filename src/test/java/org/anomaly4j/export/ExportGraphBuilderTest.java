package org.anomaly4j.export;

import org.anomaly4j.AnomalyException;
import org.anomaly4j.config.ConfigLoader;
import org.anomaly4j.config.HfrConfig;
import org.anomaly4j.model.HfrModel;
import org.anomaly4j.model.HfrModelBuilder;
import org.anomaly4j.model.InferencePath;
import org.anomaly4j.model.encoder.EncoderCatalogue;
import org.anomaly4j.scoring.AnomalyScorer;
import org.anomaly4j.scoring.BaselineMap;
import org.anomaly4j.scoring.ScoredBatch;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The exported graph's map and score equal the in-project scorer for every distance, aggregation and baseline. */
class ExportGraphBuilderTest {
    private static final int SIZE = 48;

    @ParameterizedTest
    @CsvSource({"cosine,sum,2.0,true,mean,max", "mse,sum,1.0,false,none,max", "cosine,product,1.5,true,none,max",
            "mse,product,0,false,mean,max", "cosine,sum,1.0,true,mean,mean", "cosine,product,1.0,true,none,mean",
            "cosine,sum,2.0,true,zscore,max", "mse,product,1.0,false,zscore,max"})
    void exportedGraphEqualsTheScorer(String distance, String aggregation, double sigma, boolean normalize, String baselineKind,
                                      String scoreMode) {
        HfrConfig c = ConfigLoader.load(null, List.of("model.encoder=tiny", "model.decoder.width=16",
                "model.decoder.bottleneck=8", "model.normalizeTaps=" + normalize, "scoring.distance=" + distance,
                "scoring.aggregation=" + aggregation, "scoring.sigma=" + sigma, "scoring.scoreMode=" + scoreMode));
        HfrModel m = HfrModelBuilder.build(EncoderCatalogue.build(c.model(), SIZE, 1), c.model(), c.train(), SIZE);
        Nd4j.getRandom().setSeed(7);
        BaselineMap baseline = null;
        if (!baselineKind.equals("none")) {
            float[] mean = Nd4j.rand(1, SIZE * SIZE).muli(0.1).data().asFloat();
            // spreads from 0.5 to 2.5: a wrong pixel order in the export would show
            float[] inverseSpread = baselineKind.equals("zscore") ? Nd4j.rand(1, SIZE * SIZE).muli(2).addi(0.5).data().asFloat() : null;
            baseline = new BaselineMap(mean, inverseSpread);
        }
        INDArray rgb = Nd4j.rand(3, 3, SIZE, SIZE);
        ScoredBatch expected = new AnomalyScorer(m, new InferencePath(m, c.model(), c.train()), c.scoring(), baseline).score(rgb);

        ComputationGraph exported = ExportGraphBuilder.build(m, c.scoring(), baseline);
        INDArray[] out = exported.output(m.preprocessing().apply(rgb));
        assertThat(out[0].shape()).containsExactly(3, 1, SIZE, SIZE);
        assertThat(out[1].shape()).containsExactly(3, 1);
        for (int i = 0; i < 3; i++) {
            float[] map = out[0].get(org.nd4j.linalg.indexing.NDArrayIndex.point(i)).dup('c').data().asFloat();
            double maxDiff = 0;
            double scale = 1; // float32 carries ~7 digits: unnormalised MSE products reach thousands
            for (int p = 0; p < map.length; p++) {
                maxDiff = Math.max(maxDiff, Math.abs(map[p] - expected.maps()[i][p]));
                scale = Math.max(scale, Math.abs(expected.maps()[i][p]));
            }
            assertThat(maxDiff / scale).as("map %d (scale %s)", i, scale).isLessThan(1e-5);
            assertThat(Math.abs(out[1].getDouble(i, 0) - expected.scores()[i]) / scale).as("score %d", i).isLessThan(1e-5);
        }
    }

    @Test
    void topKScoreModeIsRefusedWithTheFix() {
        HfrConfig c = ConfigLoader.load(null, List.of("model.encoder=tiny", "model.decoder.width=16",
                "model.decoder.bottleneck=8", "scoring.scoreMode=topk"));
        HfrModel m = HfrModelBuilder.build(EncoderCatalogue.build(c.model(), SIZE, 1), c.model(), c.train(), SIZE);
        assertThatThrownBy(() -> ExportGraphBuilder.build(m, c.scoring(), null))
                .isInstanceOf(AnomalyException.class).hasMessageContaining("scoring.scoreMode=max or mean");
    }
}
