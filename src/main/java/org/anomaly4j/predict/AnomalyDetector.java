package org.anomaly4j.predict;

import org.anomaly4j.AnomalyException;
import org.anomaly4j.data.ImageFiles;
import org.anomaly4j.model.HfrModel;
import org.anomaly4j.model.InferencePath;
import org.anomaly4j.pipeline.ModelStore;
import org.anomaly4j.pipeline.PieceScorer;
import org.anomaly4j.scoring.AnomalyScorer;
import org.anomaly4j.scoring.ScoredBatch;
import org.anomaly4j.scoring.Thresholds;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores images from Java code as {@code Predict} does, with no files and no run folder: load a Train run's
 * {@code model.zip} once, then pass images already in memory (a camera frame, a database blob decoded with
 * ImageIO) and get each one's score, label at the model's stored threshold (or at one of yours,
 * {@link #useImageThreshold}) and anomaly map. The same
 * preprocessing, scoring settings, baseline and cutting into pieces as the model was trained with.
 * Safe to share between threads: calls are served one at a time (a DL4J graph cannot run two forward passes at
 * once; shared without this, threads got each other's maps). To score in parallel, give each thread its own
 * detector.
 */
public final class AnomalyDetector {
    private final ModelStore.Loaded loaded;
    private final PieceScorer scorer;
    private Thresholds thresholds;
    private double userImage = Double.NaN; // given to useImageThreshold / usePixelThreshold, applied over the stored ones
    private double userPixel = Double.NaN;

    private AnomalyDetector(ModelStore.Loaded loaded) {
        this.loaded = loaded;
        this.thresholds = loaded.thresholds();
        HfrModel model = loaded.model();
        InferencePath path = new InferencePath(model, loaded.config().model(), loaded.config().train());
        this.scorer = new PieceScorer(new AnomalyScorer(model, path, loaded.config().scoring(), loaded.baseline()),
                model.imageSize(), loaded.config().data().cutting());
    }

    /** Loads a model.zip written by Train; a missing or unreadable file is an {@link AnomalyException} naming it. */
    public static AnomalyDetector load(Path modelZip) {
        return new AnomalyDetector(ModelStore.load(modelZip));
    }

    /**
     * Loads a model.zip from a stream, e.g. a resource packed into an application's jar
     * ({@code AnomalyDetector.class.getResourceAsStream("/models/line3.zip")}); the stream is read to its end, not
     * closed. The zip is copied to a temporary file (DL4J and the stored entries are read from a file) that is deleted
     * once loaded.
     */
    public static AnomalyDetector load(java.io.InputStream modelZip) {
        if (modelZip == null) {
            throw new AnomalyException("no model stream (a resource that getResourceAsStream did not find returns null: "
                    + "check its path inside the jar)");
        }
        Path tmp = null;
        try {
            tmp = java.nio.file.Files.createTempFile("anomaly4j-model-", ".zip");
            java.nio.file.Files.copy(modelZip, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return load(tmp);
        } catch (java.io.IOException e) {
            throw new AnomalyException("cannot read the model stream: " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    java.nio.file.Files.deleteIfExists(tmp);
                } catch (java.io.IOException ignored) {
                    // a temporary file left behind is the system's to clean
                }
            }
        }
    }

    /** The side of the square the model scores at; {@link Detection#anomalyMap()} has this many pixels a side. */
    public int inputSize() {
        return loaded.model().imageSize();
    }

    /**
     * The thresholds labels are made at: those chosen when the model was trained (null when it had no validation
     * images), or with the image threshold given to {@link #useImageThreshold}.
     */
    public synchronized Thresholds thresholds() {
        return thresholds;
    }

    /**
     * Labels from now on at this image score instead of the model's stored threshold ({@code Predict
     * --image-threshold}), e.g. the F1-optimal one Evaluate reports on labelled images of your own line. Works
     * for a model stored without thresholds too; the normalised score and the defect mask then stay unavailable.
     *
     * @return this detector
     */
    public synchronized AnomalyDetector useImageThreshold(double score) {
        if (!Double.isFinite(score)) {
            throw new AnomalyException("image threshold " + score + " is not a finite score (give an image score, e.g. "
                    + "Evaluate's image_F1Max_threshold)");
        }
        userImage = score;
        thresholds = userThresholds();
        return this;
    }

    /**
     * Marks defect pixels from now on from this anomaly-map value instead of the model's stored pixel threshold
     * ({@code Predict --pixel-threshold}), e.g. the pixel_F1Max_threshold Evaluate reports on labelled images with masks.
     * Needs a model stored with thresholds (or an image threshold given first).
     *
     * @return this detector
     */
    public synchronized AnomalyDetector usePixelThreshold(double value) {
        if (!Double.isFinite(value)) {
            throw new AnomalyException("pixel threshold " + value + " is not a finite map value (give e.g. Evaluate's "
                    + "pixel_F1Max_threshold)");
        }
        if (thresholds == null) {
            throw new AnomalyException("this model stores no thresholds (trained without validation images): call "
                    + "useImageThreshold first, then usePixelThreshold");
        }
        userPixel = value;
        thresholds = userThresholds();
        return this;
    }

    /** The stored thresholds with the user's image and pixel thresholds over them, in whichever order they were given. */
    private Thresholds userThresholds() {
        Thresholds t = loaded.thresholds();
        if (Double.isFinite(userImage)) {
            t = Thresholds.userImage(t, userImage, "image threshold " + userImage + " given to AnomalyDetector.useImageThreshold");
        }
        if (Double.isFinite(userPixel)) {
            t = t.withPixel(userPixel, "pixel threshold " + userPixel + " given to AnomalyDetector.usePixelThreshold");
        }
        return t;
    }

    public Detection detect(BufferedImage image) {
        return detect(java.util.Collections.singletonList(image)).get(0); // List.of would refuse null before the check
    }

    /**
     * One detection per image, in order. The model sees {@code scoring.batchSize} inputs at a time, so a long
     * list costs no more memory than a short one beyond the maps it returns.
     */
    public synchronized List<Detection> detect(List<BufferedImage> images) {
        List<String> names = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            if (images.get(i) == null) {
                throw new AnomalyException("image " + i + " of " + images.size() + " is null (ImageIO.read returns null "
                        + "for a format it cannot decode: " + ImageFiles.FORMATS + " work)");
            }
            names.add(images.size() == 1 ? "(in memory)" : "#" + i + " of " + images.size() + " (in memory)");
        }
        ScoredBatch scored = scorer.score(images, names, loaded.config().scoring().batchSize());
        Thresholds t = thresholds;
        List<Detection> out = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            BufferedImage img = images.get(i);
            out.add(new Detection(scored.scores()[i], scored.maps()[i], scored.size(), img.getWidth(), img.getHeight(), t));
        }
        return out;
    }
}
