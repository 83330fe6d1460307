package org.anomaly4j.pipeline;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

class AurocByDefectTypeTest {

    private static ImageScore s(String type, float score) {
        return new ImageScore(Path.of(type + score + ".png"), type, "good".equals(type) ? 0 : 1, score);
    }

    @Test
    void eachTypeIsRankedAgainstAllNormals() {
        // normals 0.2, 0.4, 0.6. crack 0.9 and 0.5: (3 + 2) / 6. scratch 0.1 and 0.4 (a tie): (0 + 1 + 0.5) / 6.
        List<AurocByDefectType.Row> rows = AurocByDefectType.of(List.of(
                s("good", 0.2f), s("good", 0.4f), s("good", 0.6f),
                s("scratch", 0.1f), s("crack", 0.9f), s("scratch", 0.4f), s("crack", 0.5f)));
        assertThat(rows).extracting(AurocByDefectType.Row::defectType).containsExactly("crack", "scratch");
        assertThat(rows).extracting(AurocByDefectType.Row::images).containsExactly(2, 2);
        assertThat(rows.get(0).imageAuroc()).isCloseTo(5.0 / 6, offset(1e-12));
        assertThat(rows.get(1).imageAuroc()).isCloseTo(1.5 / 6, offset(1e-12));
    }

    @Test
    void noBreakdownWithoutNormalsOrWithOneType() {
        assertThat(AurocByDefectType.of(List.of(s("crack", 0.9f), s("scratch", 0.1f)))).isEmpty();
        assertThat(AurocByDefectType.of(List.of(s("good", 0.2f), s("crack", 0.9f)))).isEmpty();
    }
}
