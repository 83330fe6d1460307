package org.anomaly4j.cli;

import org.anomaly4j.config.ConfigLoader;
import org.anomaly4j.config.HfrConfig;
import org.anomaly4j.data.SyntheticDefectGenerator;
import org.anomaly4j.pipeline.ModelStore;
import org.anomaly4j.pipeline.TrainService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Info says what a model.zip is from its metadata alone. */
class InfoCommandTest {
    @TempDir
    Path dir;

    @Test
    void infoPrintsTheModelsFactsFromItsMetadata() throws Exception {
        Path data = new SyntheticDefectGenerator(40, 2).write(dir.resolve("data"), 12, 3, 2);
        HfrConfig cfg = ConfigLoader.load(null, List.of("data.root=" + data, "data.imageSize=40", "data.validationFraction=0.25",
                "data.tiles=2", "model.encoder=tiny", "model.decoder.width=8", "model.decoder.bottleneck=8", "model.decoder.depth=1",
                "train.epochs=1", "train.batchSize=8", "scoring.sigma=1", "scoring.batchSize=8"));
        Path zip = TrainService.run(cfg, "the training command", dir.resolve("reports"), "m").runDir().resolve("model.zip");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        try {
            System.setOut(new PrintStream(out, true));
            assertThat(Cli.run(new InfoCommand(), "--model", zip.toString())).isZero();
        } finally {
            System.setOut(old);
        }
        double image = ModelStore.load(zip).thresholds().image();
        assertThat(out.toString()).contains("encoder: tiny").contains("40 px square, each image in 2 x 2 tiles")
                .contains("command: the training command").contains("thresholds: image " + image)
                .contains("training: 1 epochs, batch 8");

        Path exported = dir.resolve("exported.zip");
        assertThat(Cli.run(new ExportCommand(), "--model", zip.toString(), "--output", exported.toString())).isZero();
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(info, true));
            assertThat(Cli.run(new InfoCommand(), "--model", exported.toString())).isZero();
        } finally {
            System.setOut(old);
        }
        assertThat(info.toString()).contains("exported scoring graph").contains("needs DL4J only").contains("from " + zip)
                .contains("thresholds: image " + image);
    }
}
