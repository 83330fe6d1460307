package org.anomaly4j.report;

import org.anomaly4j.AnomalyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A run folder appears only when complete; work left to resume is neither deleted nor started again. */
class RunDirectoryTest {
    @TempDir
    Path reports;

    @Test
    void aFailedRunLeavesNothingUnlessItKeepsItsWork() {
        try (RunDirectory run = new RunDirectory(reports, "a")) {
            run.writeString("x.txt", "x");
        }
        assertThat(reports.resolve(".incomplete-a")).doesNotExist();
        assertThat(reports.resolve("a")).doesNotExist();
        try (RunDirectory run = new RunDirectory(reports, "b")) {
            run.writeString("x.txt", "x");
            run.keepIfFailed();
        }
        assertThat(reports.resolve(".incomplete-b/x.txt")).hasContent("x");
        try (RunDirectory run = new RunDirectory(reports, "b", true)) {
            assertThat(run.file("x.txt")).as("resumed with its work").hasContent("x");
            assertThat(run.commit()).isEqualTo(reports.resolve("b"));
        }
        assertThat(reports.resolve("b/x.txt")).hasContent("x");
    }

    @Test
    void aRunLeftToResumeIsNotStartedAgain() throws Exception {
        Files.createDirectories(reports.resolve(".incomplete-r"));
        Files.writeString(reports.resolve(".incomplete-r/" + RunDirectory.RESUMABLE), "{}");
        assertThatThrownBy(() -> new RunDirectory(reports, "r")).isInstanceOf(AnomalyException.class)
                .hasMessageContaining("continue it with the same command and --resume, or delete that folder");
        assertThat(reports.resolve(".incomplete-r/" + RunDirectory.RESUMABLE)).exists();
        assertThatThrownBy(() -> new RunDirectory(reports, "none", true)).isInstanceOf(AnomalyException.class)
                .hasMessageContaining("no interrupted run 'none'");
    }
}
