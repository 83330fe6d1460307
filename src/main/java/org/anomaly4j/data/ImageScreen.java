package org.anomaly4j.data;

import me.tongfei.progressbar.ProgressBar;
import org.anomaly4j.AnomalyException;
import org.anomaly4j.Progress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes every image (and checks every mask) of a dataset once, before any training, so a bad file
 * never surfaces after an hour of work. Unusable files stop the run with the list of all of them, or,
 * with {@code --keep-going}, are dropped with a warning listing them.
 */
public final class ImageScreen {
    private static final Logger LOG = LoggerFactory.getLogger(ImageScreen.class);

    private ImageScreen() {
    }

    /**
     * {@code shapeWarning}: {@link AspectRatioCheck}'s warning over every usable image ("" when none, or when images are cut
     * into pieces); {@code rangeWarning}: {@link SampleRangeCheck}'s, {@code duplicateWarning}: {@link DuplicateCheck}'s
     * ("" when none); {@code trainingAspects}: the shapes the model is trained on, saved with it for Predict.
     */
    public record Screened(DatasetSplits splits, List<String> skipped, String shapeWarning, String rangeWarning,
                           String duplicateWarning, InputAspectRange trainingAspects) {
    }

    public static Screened screen(DatasetSplits s, int size, boolean keepGoing) {
        return screen(s, size, keepGoing, 0);
    }

    /** {@code maxStretch} &gt; 0: long images are cut into pieces ({@link ImagePieces}), so their shapes need no warning. */
    public static Screened screen(DatasetSplits s, int size, boolean keepGoing, double maxStretch) {
        return screen(s, size, keepGoing, maxStretch, SampleDepth.AS_STORED);
    }

    /** {@code sampleBits}: the images' samples are checked for their range as scaled from that many bits ({@link SampleDepth}). */
    public static Screened screen(DatasetSplits s, int size, boolean keepGoing, double maxStretch, int sampleBits) {
        return screen(s, size, keepGoing, Cutting.stretch(maxStretch), sampleBits);
    }

    /**
     * {@code cutting}: long images cut into pieces, or every image cropped to one region, need no warning about their
     * shapes, and a crop makes the inputs' shapes the crop's (no range of training shapes is kept for Predict's check).
     */
    public static Screened screen(DatasetSplits s, int size, boolean keepGoing, Cutting cutting, int sampleBits) {
        double maxStretch = cutting.maxStretch();
        List<String> skipped = new ArrayList<>();
        List<AspectRatioCheck.Shape> trainShapes = new ArrayList<>();
        List<String> lowRange = new ArrayList<>();
        DatasetSplits kept;
        InputAspectRange trainingAspects;
        List<AspectRatioCheck.Shape> shapes;
        long total = (long) s.train().size() + s.validation().size() + s.validationAnomalies().size() + s.test().size();
        try (ProgressBar pb = Progress.bar("Checking images", total)) { // decoding a large set takes minutes
            List<ImageSample> train = keep(s.train(), size, skipped, trainShapes, lowRange, sampleBits, pb);
            trainingAspects = cutting.crop() != null ? null : InputAspectRange.of(trainShapes, maxStretch);
            shapes = new ArrayList<>(trainShapes);
            kept = new DatasetSplits(train, keep(s.validation(), size, skipped, shapes, lowRange, sampleBits, pb),
                    keep(s.validationAnomalies(), size, skipped, shapes, lowRange, sampleBits, pb), keep(s.test(), size, skipped, shapes, lowRange, sampleBits, pb),
                    s.hasMasks(), s.source());
        }
        if (!skipped.isEmpty() && !keepGoing) {
            List<String> shown = skipped.subList(0, Math.min(20, skipped.size()));
            throw new AnomalyException(skipped.size() == 1 ? skipped.get(0) + " [or pass --keep-going to skip it]"
                    : skipped.size() + " unusable files (fix or remove them, or pass --keep-going to skip them):\n  "
                    + String.join("\n  ", shown) + (skipped.size() > shown.size() ? "\n  ..." : ""));
        }
        if (!skipped.isEmpty()) {
            LOG.warn("--keep-going: skipping {} unusable files:\n  {}", skipped.size(), String.join("\n  ", skipped));
        }
        // a test split left out on purpose (Evaluate --split validation) is not an error; one skipped to nothing is
        if (kept.train().isEmpty() || (kept.test().isEmpty() && !s.test().isEmpty())) {
            throw new AnomalyException("no usable " + (kept.train().isEmpty() ? "training" : "test") + " images left after skipping "
                    + skipped.size() + " unusable files (first: " + skipped.get(0) + ")");
        }
        String shapeWarning = maxStretch > 0 || cutting.crop() != null ? "" : AspectRatioCheck.warning(shapes, size);
        if (!shapeWarning.isEmpty()) {
            LOG.warn(shapeWarning);
        }
        String rangeWarning = SampleRangeCheck.warning(lowRange, shapes.size());
        if (!rangeWarning.isEmpty()) {
            LOG.warn(rangeWarning);
        }
        List<ImageSample> seen = new ArrayList<>(kept.train());
        seen.addAll(kept.validation()); // held out of training, but chosen on: a copy in the test split leaks as well
        String duplicateWarning = DuplicateCheck.warning(DuplicateCheck.copies(seen, kept.test()));
        if (!duplicateWarning.isEmpty()) {
            LOG.warn(duplicateWarning);
        }
        return new Screened(kept, skipped, shapeWarning, rangeWarning, duplicateWarning, trainingAspects);
    }

    private static List<ImageSample> keep(List<ImageSample> samples, int size, List<String> skipped,
                                          List<AspectRatioCheck.Shape> shapes, List<String> lowRange, int sampleBits,
                                          ProgressBar pb) {
        List<ImageSample> out = new ArrayList<>();
        for (ImageSample s : samples) {
            pb.step();
            try {
                java.awt.image.BufferedImage img = ImageLoader.read(s.image());
                shapes.add(new AspectRatioCheck.Shape(s.image(), img.getWidth(), img.getHeight()));
                String range = SampleRangeCheck.finding(SampleDepth.widen(img, sampleBits), s.image());
                if (!range.isEmpty()) {
                    lowRange.add(range);
                }
                if (s.mask() != null) {
                    ImageLoader.loadMask(s.mask(), s.image(), size);
                }
                out.add(s);
            } catch (AnomalyException e) {
                skipped.add(e.getMessage());
            }
        }
        return out;
    }
}
