package org.anomaly4j.data;

import org.anomaly4j.AnomalyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A data.root that misses the layout says what it looks like instead: the usual slips, each with its fix. */
class LayoutGuessTest {
    @TempDir
    Path d;

    @Test
    void theUsualSlipsAreNamedWithTheirFix() throws Exception {
        Path mvtec = d.resolve("mvtec_anomaly_detection");
        Files.createDirectories(mvtec.resolve("bottle/train/good"));
        Files.createDirectories(mvtec.resolve("cable/train/good"));
        Files.createDirectories(mvtec.resolve("bottle/test/good"));
        Files.createDirectories(d.resolve("line/normal"));

        assertThatThrownBy(() -> MvtecLayout.scan(mvtec, 0.1, 1, 0, 0)).isInstanceOf(AnomalyException.class)
                .hasMessageContaining("holds MVTec AD categories (bottle, cable)")
                .hasMessageContaining("--set data.root=" + mvtec.resolve("bottle"))
                .hasMessageContaining("Benchmark mvtec --root " + mvtec);
        assertThatThrownBy(() -> MvtecLayout.scan(mvtec.resolve("bottle/train/good"), 0.1, 1, 0, 0))
                .hasMessageContaining("inside the MVTec AD category " + mvtec.resolve("bottle") + ": --set data.root=" + mvtec.resolve("bottle"));
        assertThatThrownBy(() -> FolderLayout.scan(mvtec.resolve("bottle"), "normal", "abnormal", "", 0.2, 0.1, 1, 0))
                .hasMessageContaining("looks like an MVTec AD category").hasMessageContaining("--set data.layout=mvtec");
        assertThatThrownBy(() -> MvtecLayout.scan(d.resolve("line"), 0.1, 1, 0, 0))
                .hasMessageContaining("like the folders layout: --set data.layout=folders");
        assertThat(LayoutGuess.hint(d.resolve("elsewhere"), "mvtec")).isEmpty();
        assertThat(LayoutGuess.hint(d, "mvtec")).as("nothing known two levels down").isEmpty();
    }
}
