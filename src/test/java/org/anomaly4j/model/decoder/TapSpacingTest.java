package org.anomaly4j.model.decoder;

import org.anomaly4j.config.DecoderConfig;
import org.anomaly4j.model.GraphSink;
import org.anomaly4j.model.TapShape;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.Adam;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Taps need not be one stage apart: two taps of one stage (same size) or a skipped stage (4x) must
 * get the matching enlargement, not a fixed 2x that a crop or pad then forces to size (which would
 * reconstruct one tap from a shifted, cropped or zero-padded copy of the level below).
 */
class TapSpacingTest {

    @Test
    void levelsAreEnlargedByTheRatioOfTheirTapSizes() {
        Map<String, Layer> layers = new LinkedHashMap<>();
        GraphSink sink = new GraphSink() {
            @Override
            public void layer(String name, Layer layer, String... inputs) {
                layers.put(name, layer);
            }

            @Override
            public void vertex(String name, GraphVertex vertex, String... inputs) {
            }
        };
        DecoderConfig cfg = new DecoderConfig(16, 8, 1, true, 1);
        List<TapShape> taps = List.of(new TapShape("a", 8, 16, 16), new TapShape("b", 8, 16, 16), new TapShape("c", 8, 4, 4));
        new DecoderBuilder(sink, cfg, new Adam(1e-3)).build(taps);

        assertThat(layers).as("a and b have one size: nothing to enlarge or crop")
                .doesNotContainKeys("dec0_up", "dec0_crop", "dec0_pad");
        assertThat(((Upsampling2D) layers.get("dec1_up")).getSize()).as("c to b: 4x").containsExactly(4, 4);
        assertThat(layers).as("4x lands exactly on b's size").doesNotContainKeys("dec1_crop", "dec1_pad");
    }

    @Test
    void oddSizesRoundToTheNearestFactor() {
        assertThat(DecoderBuilder.upsamplingFactor(new TapShape("fire3", 128, 55, 55), new TapShape("fire5", 256, 27, 27))).isEqualTo(2);
        assertThat(DecoderBuilder.upsamplingFactor(new TapShape("fire7", 384, 13, 13), new TapShape("fire9", 512, 13, 13))).isEqualTo(1);
        assertThat(DecoderBuilder.upsamplingFactor(new TapShape("fire3", 128, 55, 55), new TapShape("fire7", 384, 13, 13))).isEqualTo(4);
    }
}
