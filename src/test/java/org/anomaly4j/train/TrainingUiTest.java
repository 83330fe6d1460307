package org.anomaly4j.train;

import org.anomaly4j.config.ConfigLoader;
import org.anomaly4j.config.HfrConfig;
import org.anomaly4j.data.SyntheticDefectGenerator;
import org.anomaly4j.pipeline.TrainOptions;
import org.anomaly4j.pipeline.TrainService;
import org.deeplearning4j.ui.api.UIServer;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Train with the DL4J UI on a loopback port: the overview page is served and its data endpoint has
 * the run's training scores; the statistics file in the run folder replays the same session. Stopping the
 * server removes the uploads folder DL4J made for it.
 */
class TrainingUiTest {
    @TempDir
    Path dir;

    @Test
    void uiShowsTheTrainingRun() throws Exception {
        Path data = new SyntheticDefectGenerator(48, 4).write(dir.resolve("data"), 32, 4, 3);
        HfrConfig cfg = ConfigLoader.load(null, List.of("data.root=" + data, "data.imageSize=48", "model.encoder=tiny",
                "model.decoder.width=16", "model.decoder.bottleneck=8", "model.decoder.depth=1", "train.epochs=3",
                "train.batchSize=4", "scoring.batchSize=8"));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try {
            TrainService.Result r = TrainService.run(cfg, "test", dir.resolve("reports"), "ui-run", new TrainOptions(false, port, true));
            UIServer server = UIServer.getInstance();
            assertThat(server.isStopped()).as("kept open").isFalse();
            server.attach(new FileStatsStorage(r.runDir().resolve(TrainService.UI_STATS).toFile()));
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/train/overview")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).containsIgnoringCase("<html");
            HttpResponse<String> json = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/train/overview/data")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(json.statusCode()).isEqualTo(200);
            // iterations of 3 epochs x 8 batches, sampled every TrainingUi.FREQUENCY iterations
            assertThat(json.body()).contains("\"scores\"").containsPattern("\"scores\"\\s*:\\s*\\[\\s*[0-9.Ee-]+");
        } finally {
            TrainingUi.stop();
        }
    }

    @Test
    void stoppingTheServerRemovesItsUploadsFolder() throws Exception {
        Set<Path> before = uploadFolders();
        UIServer server = TrainingUi.start(0);
        try {
            assertThat(server.isStopped()).isFalse();
        } finally {
            TrainingUi.stop();
        }
        assertThat(uploadFolders()).as("DL4JUI_* folders in java.io.tmpdir").isSubsetOf(before);
    }

    @Test
    void onlyFoldersStampedInTheWindowAreOurs() throws Exception {
        for (String name : List.of("DL4JUI_999", "DL4JUI_1000", "DL4JUI_1500", "DL4JUI_2000", "DL4JUI_2001", "DL4JUI_x", "other_1500")) {
            Files.createDirectory(dir.resolve(name));
        }
        assertThat(UiUploadFolders.between(dir, 1000, 2000)).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder("DL4JUI_1000", "DL4JUI_1500", "DL4JUI_2000");
    }

    private static Set<Path> uploadFolders() throws Exception {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith(UiUploadFolders.PREFIX)).collect(Collectors.toSet());
        }
    }
}
