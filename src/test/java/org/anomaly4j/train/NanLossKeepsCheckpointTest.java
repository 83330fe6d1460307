package org.anomaly4j.train;

import org.anomaly4j.AnomalyException;
import org.anomaly4j.config.ConfigLoader;
import org.anomaly4j.config.HfrConfig;
import org.anomaly4j.data.AnomalyImageRecordReader;
import org.anomaly4j.data.MvtecLayout;
import org.anomaly4j.data.SyntheticDefectGenerator;
import org.anomaly4j.model.HfrModel;
import org.anomaly4j.model.HfrModelBuilder;
import org.anomaly4j.model.encoder.EncoderCatalogue;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parameters turned to NaN in epoch 2: training stops with a clear message and epoch 1's checkpoint is kept. */
class NanLossKeepsCheckpointTest {
    @TempDir
    Path dir;

    @Test
    void nanLossStopsAndKeepsTheLastGoodCheckpoint() {
        Path data = new SyntheticDefectGenerator(48, 6).write(dir.resolve("data"), 16, 2, 1);
        HfrConfig c = ConfigLoader.load(null, List.of("model.encoder=tiny", "model.decoder.width=8", "model.decoder.bottleneck=8",
                "model.decoder.depth=1", "train.epochs=3", "train.batchSize=8"));
        HfrModel m = HfrModelBuilder.build(EncoderCatalogue.build(c.model(), 48, 1), c.model(), c.train(), 48);
        var splits = MvtecLayout.scan(data, 0.25, 1, 0, 0);
        Checkpoints checkpoints = new Checkpoints(dir.resolve("ckpt"));
        BaseTrainingListener poison = new BaseTrainingListener() {
            int iterations;

            @Override
            public void iterationDone(Model model, int iteration, int epoch) {
                if (++iterations == 3) { // first step of epoch 2 (12 training images, batch 8: 2 steps an epoch)
                    model.params().assign(Double.NaN);
                }
            }
        };
        TrainingSession session = new TrainingSession(checkpoints, false, "fingerprint", List.of(poison));
        assertThatThrownBy(() -> DecoderTrainer.train(m, c.model(), c.train(), new AnomalyImageRecordReader(splits.train(), 48),
                new AnomalyImageRecordReader(splits.validation(), 48), session))
                .isInstanceOf(AnomalyException.class).hasMessageContaining("training loss became NaN")
                .hasMessageContaining("epoch 1").hasMessageContaining(checkpoints.dir().toString());
        assertThat(checkpoints.latest()).hasValueSatisfying(l -> assertThat(l.state().epoch()).isEqualTo(1));
        assertThat(Double.isNaN(checkpoints.latest().orElseThrow().bestParams().sumNumber().doubleValue())).isFalse();
    }
}
