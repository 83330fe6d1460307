package org.anomaly4j.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The run's warnings read as one line: empty parts dropped, no "sentence.; next". */
class RunSummaryTest {
    @Test
    void warningsJoinWithoutDoublePunctuation() {
        assertThat(RunSummary.warnings("UNTRAINED ENCODER: see zoo-weights/README.md.", "", null, "the decoder reconstructs fire3 poorly"))
                .isEqualTo("UNTRAINED ENCODER: see zoo-weights/README.md; the decoder reconstructs fire3 poorly");
        assertThat(RunSummary.warnings("", null)).isEmpty();
        assertThat(RunSummary.warnings("one only.")).isEqualTo("one only.");
        assertThat(RunSummary.warnings("a.", "b.")).isEqualTo("a; b.");
    }
}
