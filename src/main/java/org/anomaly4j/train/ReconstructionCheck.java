package org.anomaly4j.train;

import org.anomaly4j.data.AnomalyImageRecordReader;
import org.anomaly4j.data.ImageBatches;
import org.anomaly4j.data.ImageSample;
import org.anomaly4j.model.HfrModel;
import org.anomaly4j.model.InferencePath;
import org.anomaly4j.scoring.ScaleErrors;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Does the decoder reconstruct each image, or only the average feature? Per tap, on held-out normals:
 * the mean cosine distance of the reconstructions to their targets, against that of the best constant
 * reconstruction (the normals' mean direction: distance 1 - |mean of the unit vectors|). A decoder no
 * better than that constant makes the method a distance-to-the-mean-feature detector; with unit-norm
 * targets ({@code model.tapNorm: unit}) that is what training gave on magnetic tile, unnoticed, for weeks.
 */
public final class ReconstructionCheck {
    /** A decoder whose distance is above this fraction of the constant's has learned little beyond the mean. */
    public static final double WARN_RATIO = 0.8;

    private ReconstructionCheck() {
    }

    /** One tap: mean cosine distance of the decoder's reconstructions and of the best constant. */
    public record Tap(String name, double decoder, double meanFeature) {
        public double ratio() {
            return decoder / meanFeature;
        }
    }

    public static List<Tap> run(HfrModel model, InferencePath path, List<ImageSample> normals, int batchSize) {
        List<Accumulator> acc = new ArrayList<>();
        model.taps().forEach(t -> acc.add(new Accumulator(t.name())));
        AnomalyImageRecordReader reader = new AnomalyImageRecordReader(normals, model.imageSize(), model.sampleBits());
        for (int offset = 0; offset < normals.size(); offset += batchSize) {
            ImageBatches.Batch b = ImageBatches.next(reader, offset, Math.min(batchSize, normals.size() - offset));
            INDArray input = model.preprocessing().apply(b.images());
            Map<String, INDArray> acts = path.targetsAndReconstructions(input);
            for (int i = 0; i < acc.size(); i++) {
                acc.get(i).add(acts.get(model.taps().get(i).name()), acts.get(model.reconstructions().get(i)));
            }
            input.close();
            b.close();
            acts.values().forEach(a -> {
                if (a.closeable()) {
                    a.close();
                }
            });
        }
        return acc.stream().filter(a -> a.pixels > 0).map(Accumulator::tap).toList();
    }

    /** Sums over batches of one tap ([N,C,h,w] targets and reconstructions). */
    static final class Accumulator {
        private final String name;
        private double decoderSum;
        private INDArray unitSum;
        private long pixels;

        Accumulator(String name) {
            this.name = name;
        }

        void add(INDArray target, INDArray recon) {
            INDArray distance = ScaleErrors.cosineDistance(target, recon);
            decoderSum += distance.sumNumber().doubleValue();
            distance.close(); // off-heap, like the unit vectors below: freed per batch, not at the next GC
            INDArray unit = InferencePath.toNorm(target.dup(), 1);
            INDArray sum = unit.sum(0, 2, 3);
            unitSum = unitSum == null ? sum : unitSum.addi(sum);
            pixels += target.size(0) * target.size(2) * target.size(3);
            unit.close();
        }

        /** The best constant's mean cosine distance is 1 - |mean unit vector| (its direction is that mean). */
        Tap tap() {
            return new Tap(name, decoderSum / pixels, 1 - unitSum.norm2Number().doubleValue() / pixels);
        }
    }

    /**
     * The warning for taps whose decoder is hardly better than the constant; empty when every tap is reconstructed.
     * The advice names the target scale only where it is the likely cause (unit-norm targets).
     */
    public static String warning(List<Tap> taps, boolean unitNormTargets) {
        List<String> weak = taps.stream().filter(t -> t.ratio() > WARN_RATIO)
                .map(t -> String.format("%s (%.3f vs %.3f)", t.name(), t.decoder(), t.meanFeature())).toList();
        if (weak.isEmpty()) {
            return "";
        }
        return "the decoder reconstructs " + String.join(", ", weak) + " hardly better than the mean feature "
                + "(mean cosine distance on held-out normals, decoder vs constant): train longer or with a larger "
                + "train.learningRate" + (unitNormTargets ? ", and use model.tapNorm: rms (unit-norm targets are too small "
                + "for the decoder to learn more than the mean)" : "");
    }
}
