package org.anomaly4j.pipeline;

import org.anomaly4j.AnomalyException;
import org.anomaly4j.metrics.PairedAurocDifference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Two runs' scores.csv paired image by image; synthetic copies clustered with the normal they were made from. */
class RunComparisonTest {
    @TempDir
    Path dir;

    /** An Evaluate --split validation run folder with these scores.csv rows. */
    private Path run(String name, String... rows) throws Exception {
        Path run = Files.createDirectories(dir.resolve(name));
        Files.writeString(run.resolve("scores.csv"), "image,defect_type,label,score\n" + String.join("\n", rows) + "\n");
        Files.writeString(run.resolve("metrics.json"), "{\"split\" : \"validation\"}");
        return run;
    }

    @Test
    void validationRunsArePairedAndCopiesClusteredWithTheirNormal() throws Exception {
        // three held-out normals, then two rounds of one synthetic copy each (in other temp folders per run)
        Path a = run("a", "\"data/x/train/good/1.png\",good,0,1.0", "\"data/x/train/good/2.png\",good,0,2.0",
                "\"data/x/train/good/3.png\",good,0,3.0", "\"/tmp/v1/0000.png\",synthetic_scratch,1,2.5",
                "\"/tmp/v1/0001.png\",synthetic_spot,1,3.5", "\"/tmp/v1/0002.png\",synthetic_scratch,1,1.5",
                "\"/tmp/v1/0003.png\",synthetic_spot,1,4.0", "\"/tmp/v1/0004.png\",synthetic_spot,1,0.5",
                "\"/tmp/v1/0005.png\",synthetic_scratch,1,2.2");
        Path b = run("b", "\"/elsewhere/train/good/1.png\",good,0,1.0", "\"/elsewhere/train/good/2.png\",good,0,2.0",
                "\"/elsewhere/train/good/3.png\",good,0,3.0", "\"/tmp/v2/0000.png\",synthetic_scratch,1,5",
                "\"/tmp/v2/0001.png\",synthetic_spot,1,5", "\"/tmp/v2/0002.png\",synthetic_scratch,1,5",
                "\"/tmp/v2/0003.png\",synthetic_spot,1,5", "\"/tmp/v2/0004.png\",synthetic_spot,1,5",
                "\"/tmp/v2/0005.png\",synthetic_scratch,1,5");
        PairedAurocDifference d = RunComparison.of(a, b);
        assertThat(d.clusters()).as("one per held-out normal").isEqualTo(3);
        assertThat(d.aurocB()).isEqualTo(1.0);
        assertThat(d.aurocA()).isCloseTo(11.0 / 18, org.assertj.core.data.Offset.offset(1e-12)); // 2+3+1+3+0+2 of 18 pairs ordered
        assertThat(d.difference()).isCloseTo(7.0 / 18, org.assertj.core.data.Offset.offset(1e-12));

        Path other = run("other", "\"data/x/train/good/1.png\",good,0,1.0", "\"data/x/train/good/9.png\",good,0,2.0");
        assertThatThrownBy(() -> RunComparison.of(a, other)).isInstanceOf(AnomalyException.class).hasMessageContaining("scored 9 validation images");
        Path swapped = run("swapped", "\"data/x/train/good/2.png\",good,0,1.0", "\"data/x/train/good/1.png\",good,0,2.0",
                "\"data/x/train/good/3.png\",good,0,3.0", "\"/tmp/v1/0000.png\",synthetic_scratch,1,2.5",
                "\"/tmp/v1/0001.png\",synthetic_spot,1,3.5", "\"/tmp/v1/0002.png\",synthetic_scratch,1,1.5",
                "\"/tmp/v1/0003.png\",synthetic_spot,1,4.0", "\"/tmp/v1/0004.png\",synthetic_spot,1,0.5",
                "\"/tmp/v1/0005.png\",synthetic_scratch,1,2.2");
        assertThatThrownBy(() -> RunComparison.of(a, swapped)).hasMessageContaining("row 2 differs");
        assertThatThrownBy(() -> RunComparison.of(a, dir.resolve("nowhere"))).hasMessageContaining("no scores.csv");
    }

    @Test
    void aTrainRunIsComparedOnTheValidationScoresItKeptAndTheTestSplitOnlyWhenAsked() throws Exception {
        Path train = Files.createDirectories(dir.resolve("train"));
        Files.writeString(train.resolve("metrics.json"), "{\"split\" : \"test\"}");
        Files.writeString(train.resolve("scores.csv"), "image,defect_type,label,score\n\"t/good/1.png\",good,0,1\n\"t/crack/2.png\",crack,1,2\n");
        Files.writeString(train.resolve("validation-scores.csv"), "image,defect_type,label,score\n\"v/good/1.png\",good,0,3\n"
                + "\"/tmp/v/0000.png\",synthetic_spot,1,1\n");
        Path evaluated = run("evaluated", "\"v/good/1.png\",good,0,1", "\"/tmp/w/0000.png\",synthetic_spot,1,2");
        PairedAurocDifference d = RunComparison.of(train, evaluated);
        assertThat(d.aurocA()).as("the Train run's validation scores").isZero();
        assertThat(d.aurocB()).isEqualTo(1.0);
        assertThat(RunComparison.of(train, train, "test").aurocA()).as("its test scores").isEqualTo(1.0);
        assertThatThrownBy(() -> RunComparison.of(train, evaluated, "test")).hasMessageContaining("scored the validation split");
        Files.delete(train.resolve("validation-scores.csv"));
        assertThatThrownBy(() -> RunComparison.of(train, evaluated)).hasMessageContaining("Evaluate its model with --split validation");
    }
}
