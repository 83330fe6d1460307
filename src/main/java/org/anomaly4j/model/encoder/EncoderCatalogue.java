package org.anomaly4j.model.encoder;

import org.anomaly4j.AnomalyException;
import org.anomaly4j.config.ModelConfig;

import java.util.List;

/** Names every encoder anomaly4j can build and builds it with its weights resolved. */
public final class EncoderCatalogue {
    static {
        org.anomaly4j.model.OneDnnHelpers.enable(); // before any layer is created
    }

    private EncoderCatalogue() {
    }

    /** Default taps per encoder, shallow to deep (pinned by a test). */
    public static List<String> defaultTaps(String kind, boolean pretrainedZooNames) {
        return switch (kind) {
            case "squeezenet" -> SqueezeNetEncoder.TAPS;
            case "vgg16" -> pretrainedZooNames ? ZooEncoders.VGG16_TAPS_PRETRAINED : ZooEncoders.VGG16_TAPS_INIT;
            case "resnet50" -> ZooEncoders.RESNET50_TAPS;
            case "darknet-tiny" -> DarknetTinyEncoder.TAPS;
            case "tiny" -> TinyEncoder.TAPS;
            default -> throw new AnomalyException("model.encoder: unknown encoder '" + kind + "'");
        };
    }

    public static Encoder build(ModelConfig m, int imageSize, long seed) {
        WeightResolver weights = new WeightResolver(m.weights(), m.weightsDir());
        Encoder e = switch (m.encoder()) {
            case "squeezenet" -> SqueezeNetEncoder.build(imageSize, seed, weights, m.allowUntrainedEncoder());
            case "vgg16" -> ZooEncoders.vgg16(imageSize, seed, weights, m.allowUntrainedEncoder());
            case "resnet50" -> ZooEncoders.resnet50(imageSize, seed, weights, m.allowUntrainedEncoder());
            case "darknet-tiny" -> DarknetTinyEncoder.build(weights);
            case "tiny" -> TinyEncoder.build(imageSize, seed);
            default -> throw new AnomalyException("model.encoder: unknown encoder '" + m.encoder() + "'");
        };
        if (m.taps() != null && !m.taps().isEmpty()) {
            for (String tap : m.taps()) {
                if (e.graph().getConfiguration().getVertices().get(tap) == null) {
                    throw new AnomalyException("model.taps: '" + tap + "' is not a vertex of the " + m.encoder()
                            + " encoder (default taps: " + e.taps() + ")");
                }
            }
            e = new Encoder(e.kind(), e.graph(), e.inputName(), List.copyOf(m.taps()), e.preprocessing(),
                    e.weightsSource(), e.pretrained());
        }
        return e;
    }
}
