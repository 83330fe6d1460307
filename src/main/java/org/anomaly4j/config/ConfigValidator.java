package org.anomaly4j.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Checks value ranges and enumerations; returns every problem at once, each with its key. */
public final class ConfigValidator {
    private static final Set<String> LAYOUTS = Set.of("mvtec", "folders", "one-class", "synthetic");
    private static final Set<String> ENCODERS = Set.of("squeezenet", "vgg16", "resnet50", "darknet-tiny", "tiny");
    private static final Set<String> LOSSES = Set.of("cosine", "mse", "both");

    private ConfigValidator() {
    }

    public static List<String> problems(HfrConfig c) {
        List<String> p = new ArrayList<>();
        if (c.data() == null || c.model() == null || c.train() == null || c.scoring() == null) {
            p.add("sections data, model, train and scoring must all be mappings");
            return p;
        }
        DataConfig d = c.data();
        oneOf(p, "data.layout", d.layout(), LAYOUTS);
        if (!"synthetic".equals(d.layout()) && (d.root() == null || d.root().isBlank())) {
            p.add("data.root: must name the dataset folder");
        }
        if ("one-class".equals(d.layout())) {
            oneOf(p, "data.source", d.source(), Set.of("idx", "cifar10-binary", "cifar10-folders"));
            if (d.normalClass() == null || d.normalClass().isBlank()) {
                p.add("data.normalClass: must name the normal class (index or folder name)");
            }
        }
        if (d.download() != null && !d.download().isBlank()) {
            oneOf(p, "data.download", d.download(), Set.of("mnist", "fashion-mnist", "cifar10"));
            if (!"one-class".equals(d.layout())) {
                p.add("data.download: fetches the one-class benchmark datasets only (data.layout: one-class), or set it to \"\"");
            } else {
                String comesAs = d.download().equals("cifar10") ? "cifar10-binary" : "idx";
                if (!comesAs.equals(d.source())) {
                    p.add("data.download: " + d.download() + " comes as " + comesAs + " files, but data.source is " + d.source()
                            + " (set data.source: " + comesAs + ")");
                }
            }
        }
        if (d.imageSize() < 32 || d.imageSize() > 1024) {
            p.add("data.imageSize: " + d.imageSize() + " is out of range [32, 1024]");
        }
        if (d.sampleBits() != 0 && (d.sampleBits() < 9 || d.sampleBits() > 16)) {
            p.add("data.sampleBits: " + d.sampleBits() + " must be 0 (as stored) or the bits the camera fills, 9 to 16 (e.g. 12)");
        }
        if (d.maxStretch() != 0 && (d.maxStretch() < 1 || d.maxStretch() > 16)) {
            p.add("data.maxStretch: " + d.maxStretch() + " must be 0 (off) or in [1, 16]");
        }
        if (d.maxStretch() != 0 && "one-class".equals(d.layout())) {
            p.add("data.maxStretch: applies to the mvtec and folders layouts only (set it to 0)");
        }
        if (d.tiles() < 1 || d.tiles() > 8) {
            p.add("data.tiles: " + d.tiles() + " must be 1 (off) to 8 tiles per side");
        }
        List<Integer> crop = d.crop() == null ? List.of() : d.crop();
        if (!crop.isEmpty() && (crop.size() != 4 || crop.get(0) < 0 || crop.get(1) < 0 || crop.get(2) < 8 || crop.get(3) < 8)) {
            p.add("data.crop: " + crop + " must be [] (all of the image) or [x, y, width, height] in pixels, x and y 0 or more, "
                    + "width and height at least 8");
        }
        if (!crop.isEmpty() && "one-class".equals(d.layout())) {
            p.add("data.crop: applies to the mvtec, folders and synthetic layouts only (set it to [])");
        }
        if (d.tiles() != 1 && "one-class".equals(d.layout())) {
            p.add("data.tiles: applies to the mvtec, folders and synthetic layouts only (set it to 1)");
        }
        if (d.validationFraction() < 0 || d.validationFraction() >= 0.9) {
            p.add("data.validationFraction: " + d.validationFraction() + " is out of range [0, 0.9)");
        }
        if (d.testNormalFraction() < 0 || d.testNormalFraction() >= 0.9) {
            p.add("data.testNormalFraction: " + d.testNormalFraction() + " is out of range [0, 0.9)");
        }
        if (d.maxTrainImages() < 0) {
            p.add("data.maxTrainImages: must be >= 0 (0 = all)");
        }
        if (d.maxTestImages() < 0) {
            p.add("data.maxTestImages: must be >= 0 (0 = all)");
        }
        if (d.validationCopies() < 1 || d.validationCopies() > 16) {
            p.add("data.validationCopies: " + d.validationCopies() + " must be in [1, 16] (defective copies of each held-out normal)");
        }
        if (d.validationDefects() == null || d.validationDefects().isEmpty()) {
            p.add("data.validationDefects: must list at least one of " + DataConfig.VALIDATION_DEFECTS);
        } else {
            for (String kind : d.validationDefects()) {
                oneOf(p, "data.validationDefects", kind, Set.copyOf(DataConfig.VALIDATION_DEFECTS));
            }
        }
        ModelConfig m = c.model();
        oneOf(p, "model.encoder", m.encoder(), ENCODERS);
        oneOf(p, "model.tapNorm", m.tapNorm(), Set.of("rms", "unit"));
        if (m.taps() == null) {
            p.add("model.taps: must be a list (empty = the encoder's default taps)");
        }
        DecoderConfig dec = m.decoder();
        if (dec == null) {
            p.add("model.decoder: missing");
        } else {
            positive(p, "model.decoder.bottleneck", dec.bottleneck());
            positive(p, "model.decoder.width", dec.width());
            if (dec.depth() < 1 || dec.depth() > 8) {
                p.add("model.decoder.depth: " + dec.depth() + " is out of range [1, 8]");
            }
            if (dec.bottleneckStride() != 1 && dec.bottleneckStride() != 2 && dec.bottleneckStride() != 4) {
                p.add("model.decoder.bottleneckStride: " + dec.bottleneckStride() + " must be 1, 2 or 4");
            }
        }
        TrainConfig t = c.train();
        if (t.epochs() < 1) {
            p.add("train.epochs: " + t.epochs() + " must be >= 1");
        }
        positive(p, "train.batchSize", t.batchSize());
        if (t.earlyStoppingPatience() < 0) {
            p.add("train.earlyStoppingPatience: " + t.earlyStoppingPatience() + " must be >= 0 (0 = off)");
        }
        if (!(t.learningRate() > 0 && t.learningRate() < 1)) {
            p.add("train.learningRate: " + t.learningRate() + " is out of range (0, 1)");
        }
        oneOf(p, "train.loss", t.loss(), LOSSES);
        if (t.branchWeights() == null) {
            p.add("train.branchWeights: must be a list (empty = all 1)");
        } else {
            for (int i = 0; i < t.branchWeights().size(); i++) {
                Double w = t.branchWeights().get(i);
                if (w == null || !(w >= 0) || w.isInfinite()) {
                    p.add("train.branchWeights[" + i + "]: " + w + " must be a finite number >= 0");
                }
            }
        }
        ScoringConfig s = c.scoring();
        oneOf(p, "scoring.distance", s.distance(), Set.of("cosine", "mse"));
        oneOf(p, "scoring.aggregation", s.aggregation(), Set.of("sum", "product"));
        oneOf(p, "scoring.scoreMode", s.scoreMode(), Set.of("max", "topk", "mean"));
        if (!(s.sigma() >= 0) || s.sigma() > 64) {
            p.add("scoring.sigma: " + s.sigma() + " is out of range [0, 64]");
        }
        positive(p, "scoring.topK", s.topK());
        oneOf(p, "scoring.baseline", s.baseline(), Set.of("none", "train-mean", "train-zscore"));
        positive(p, "scoring.baselineImages", s.baselineImages());
        positive(p, "scoring.batchSize", s.batchSize());
        return p;
    }

    private static void oneOf(List<String> p, String key, String value, Set<String> allowed) {
        if (value == null || !allowed.contains(value)) {
            p.add(key + ": '" + value + "' is not one of " + new java.util.TreeSet<>(allowed));
        }
    }

    private static void positive(List<String> p, String key, int value) {
        if (value < 1) {
            p.add(key + ": " + value + " must be >= 1");
        }
    }
}
