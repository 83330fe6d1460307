package org.anomaly4j.data;

import org.anomaly4j.AnomalyException;
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

    public record Screened(DatasetSplits splits, List<String> skipped) {
    }

    public static Screened screen(DatasetSplits s, int size, boolean keepGoing) {
        List<String> skipped = new ArrayList<>();
        DatasetSplits kept = new DatasetSplits(keep(s.train(), size, skipped), keep(s.validation(), size, skipped),
                keep(s.validationAnomalies(), size, skipped), keep(s.test(), size, skipped), s.hasMasks(), s.source());
        if (!skipped.isEmpty() && !keepGoing) {
            List<String> shown = skipped.subList(0, Math.min(20, skipped.size()));
            throw new AnomalyException(skipped.size() == 1 ? skipped.get(0) + " [or pass --keep-going to skip it]"
                    : skipped.size() + " unusable files (fix or remove them, or pass --keep-going to skip them):\n  "
                    + String.join("\n  ", shown) + (skipped.size() > shown.size() ? "\n  ..." : ""));
        }
        if (!skipped.isEmpty()) {
            LOG.warn("--keep-going: skipping {} unusable files:\n  {}", skipped.size(), String.join("\n  ", skipped));
        }
        if (kept.train().isEmpty() || kept.test().isEmpty()) {
            throw new AnomalyException("no usable " + (kept.train().isEmpty() ? "training" : "test") + " images left after skipping "
                    + skipped.size() + " unusable files (first: " + skipped.get(0) + ")");
        }
        return new Screened(kept, skipped);
    }

    private static List<ImageSample> keep(List<ImageSample> samples, int size, List<String> skipped) {
        List<ImageSample> out = new ArrayList<>();
        for (ImageSample s : samples) {
            try {
                ImageLoader.read(s.image());
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
