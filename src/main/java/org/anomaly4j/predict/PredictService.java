package org.anomaly4j.predict;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import me.tongfei.progressbar.ProgressBar;
import org.anomaly4j.AnomalyException;
import org.anomaly4j.data.AnomalyImageRecordReader;
import org.anomaly4j.data.ImageBatches;
import org.anomaly4j.data.ImageLoader;
import org.anomaly4j.data.ImageSample;
import org.anomaly4j.data.InputAspectRange;
import org.anomaly4j.metrics.F1Max;
import org.anomaly4j.metrics.Roc;
import org.anomaly4j.model.HfrModel;
import org.anomaly4j.model.InferencePath;
import org.anomaly4j.pipeline.ModelStore;
import org.anomaly4j.pipeline.PieceScorer;
import org.anomaly4j.report.HeatmapOverlay;
import org.anomaly4j.report.RunDirectory;
import org.anomaly4j.scoring.AnomalyScorer;
import org.anomaly4j.scoring.ScoredBatch;
import org.anomaly4j.scoring.Thresholds;
import org.anomaly4j.Progress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Scores new images with a trained model: {@code predictions.csv} (path, raw score, normalised score,
 * label at the stored threshold, ground truth where known) and one heat-map overlay per image, in a run
 * folder that appears only when complete. Unreadable images stop the run before anything is written,
 * or are skipped and listed with {@code keepGoing}. A run stopped part way keeps what it scored
 * ({@link PredictJournal}) and is continued with {@code Options.resume}.
 */
public final class PredictService {
    private static final Logger LOG = LoggerFactory.getLogger(PredictService.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PredictService() {
    }

    public record Prediction(Path image, float score, double normalized, String label, String groundTruth, String overlay) {
    }

    /**
     * {@code skipped}: file and reason of every image left out; {@code f1AtThreshold} NaN unless all ground truth is known;
     * {@code outsideTrainingShapes}: the images whose width/height lies well outside that of the model's training inputs
     * ({@link InputAspectRange}; empty for models saved before the range was stored).
     */
    public record Result(Path runDir, List<Prediction> predictions, List<String> skipped, double f1AtThreshold,
                         double imageAuroc, List<String> outsideTrainingShapes, int resumed) {
    }

    /** Which images get a heat-map overlay: every one, those labelled anomalous at the threshold in use, or none. */
    public enum Overlays { ALL, ANOMALOUS, NONE }

    /**
     * @param keepGoing skip unreadable images (listed) instead of stopping
     * @param masks     also write each image's predicted defect mask ({@link DefectMask}) at the image's own size to
     *                  {@code masks/}; needs the model's stored pixel threshold
     * @param overlays  which images get an overlay in {@code overlays/} (a long run on a production line may want
     *                  only the anomalous ones)
     * @param imageThreshold the image score from which an image is labelled anomalous instead of the model's stored
     *                  threshold (NaN: the stored one), e.g. the F1-optimal one Evaluate reports on labelled images
     * @param minRegionArea with {@code masks}: regions of fewer pixels (at the image's own size) are left out of the
     *                  masks and regions.csv, the smallest defect a reject rule counts (0: keep all); labels stay the
     *                  image score's
     * @param resume    continue the interrupted run of this run id ({@link PredictJournal}): its scored images are kept,
     *                  the others scored; refused unless started with the same model, inputs and output options
     * @param pixelThreshold with {@code masks}: the map value from which a pixel is a defect instead of the model's stored
     *                  pixel threshold (NaN: the stored one), e.g. the pixel_F1Max_threshold Evaluate reports on labelled
     *                  images with masks
     */
    public record Options(boolean keepGoing, boolean masks, Overlays overlays, double imageThreshold, int minRegionArea,
                          boolean resume, double pixelThreshold) {
        public static final Options DEFAULT = new Options(false, false, Overlays.ALL, Double.NaN);

        public Options(boolean keepGoing, boolean masks, Overlays overlays, double imageThreshold) {
            this(keepGoing, masks, overlays, imageThreshold, 0);
        }

        public Options(boolean keepGoing, boolean masks, Overlays overlays, double imageThreshold, int minRegionArea) {
            this(keepGoing, masks, overlays, imageThreshold, minRegionArea, false);
        }

        public Options(boolean keepGoing, boolean masks, Overlays overlays, double imageThreshold, int minRegionArea, boolean resume) {
            this(keepGoing, masks, overlays, imageThreshold, minRegionArea, resume, Double.NaN);
        }
    }

    public static Result run(ModelStore.Loaded loaded, List<Path> images, Options options, String command,
                             Path reportsRoot, String runId) {
        return run(loaded, images, options, command, reportsRoot, runId, scoredHere -> {
        });
    }

    /** @param afterBatch told, after each batch is recorded, how many images this call has scored (tests stop a run here) */
    static Result run(ModelStore.Loaded loaded, List<Path> images, Options options, String command,
                      Path reportsRoot, String runId, IntConsumer afterBatch) {
        Thresholds t = loaded.thresholds();
        requireThresholdsFor(options, t);
        if (Double.isFinite(options.imageThreshold())) {
            String why = "image threshold " + options.imageThreshold() + " given on the command line";
            t = Thresholds.userImage(t, options.imageThreshold(), why);
        }
        if (Double.isFinite(options.pixelThreshold())) {
            t = t.withPixel(options.pixelThreshold(), "pixel threshold " + options.pixelThreshold() + " given on the command line");
        }
        boolean writeMasks = options.masks();
        boolean keepGoing = options.keepGoing();
        HfrModel model = loaded.model();
        int size = model.imageSize();
        List<ImageSample> ok = new ArrayList<>();
        List<int[]> okSizes = new ArrayList<>(); // width, height of each usable image
        List<String> skipped = new ArrayList<>();
        List<String> outsideShapes = new ArrayList<>();
        double maxStretch = loaded.config().data().maxStretch();
        InputAspectRange trained = InputAspectRange.fromProvenance(loaded.metadata().provenance());
        try (ProgressBar check = Progress.bar("Checking inputs", images.size())) { // every file decoded before any output
            for (Path p : images) {
                check.step();
                ImageSample s = PredictInputs.withGroundTruth(p);
                try {
                    BufferedImage img = ImageLoader.read(p);
                    requireCropFits(loaded.config().data().cutting(), p, img);
                    if (s.mask() != null) {
                        ImageLoader.loadMask(s.mask(), p, size);
                    }
                    ok.add(s);
                    okSizes.add(new int[]{img.getWidth(), img.getHeight()});
                    String off = trained == null ? "" : trained.check(p, img.getWidth(), img.getHeight(), maxStretch);
                    if (!off.isEmpty()) {
                        outsideShapes.add(off);
                    }
                } catch (AnomalyException e) {
                    skipped.add(e.getMessage());
                }
            }
        }
        if (!skipped.isEmpty()) {
            String list = String.join("\n  ", skipped);
            if (!keepGoing) {
                throw new AnomalyException(skipped.size() + " of " + images.size() + " inputs cannot be used (nothing written; "
                        + "fix or remove them, or pass --keep-going to skip them):\n  " + list);
            }
            LOG.warn("Skipping {} of {} inputs (--keep-going):\n  {}", skipped.size(), images.size(), list);
        }
        if (ok.isEmpty()) {
            throw new AnomalyException("no readable images among the " + images.size() + " inputs");
        }
        if (!outsideShapes.isEmpty()) {
            LOG.warn("{} of {} images are shaped unlike the images the model was trained on (width/height outside their range); each is stretched "
                    + "to the model's square input, so their scores are less reliable (crop them like the training images, "
                    + "or train with such images or with data.maxStretch):\n  {}", outsideShapes.size(), ok.size(),
                    String.join("\n  ", outsideShapes.subList(0, Math.min(10, outsideShapes.size())))
                            + (outsideShapes.size() > 10 ? "\n  ... (all in metrics.json)" : ""));
        }
        if (t == null) {
            LOG.warn("The model has no stored thresholds (it was trained without validation images): labels are left empty");
        }
        InferencePath path = new InferencePath(model, loaded.config().model(), loaded.config().train());
        PieceScorer scorer = new PieceScorer(new AnomalyScorer(model, path, loaded.config().scoring(), loaded.baseline()),
                size, loaded.config().data().cutting());
        PredictJournal.StartedWith startedWith = PredictJournal.startedWith(loaded.file(), ok, options);
        List<String> interrupted = PredictJournal.interruptedRuns(reportsRoot).stream().filter(id -> !id.equals(runId)).toList();
        if (!options.resume() && !interrupted.isEmpty()) { // this run's own id is refused below, with what to do
            LOG.warn("Interrupted Predict runs under {} can be continued with the same command and --resume --run-id <id>: {}",
                    reportsRoot, String.join(", ", interrupted));
        }
        try (RunDirectory run = new RunDirectory(reportsRoot, runId, options.resume())) {
            PredictJournal journal;
            if (options.resume()) {
                if (!PredictJournal.exists(run.dir())) {
                    throw new AnomalyException("--resume: " + run.dir() + " is not an interrupted Predict run (no "
                            + PredictJournal.STARTED_WITH + "); delete it, or give the --run-id of an interrupted Predict run");
                }
                journal = PredictJournal.resume(run.dir(), startedWith, ok, t);
                String before = Files.isRegularFile(run.file("command.txt")) ? Files.readString(run.file("command.txt")) : "";
                run.writeString("command.txt", before + command + "\n");
                LOG.info("--resume: {} of {} images were scored before the interruption; scoring the other {}",
                        journal.done().size(), ok.size(), ok.size() - journal.done().size());
            } else {
                journal = PredictJournal.start(run.dir(), startedWith);
                run.writeString("command.txt", command + "\n");
            }
            int resumed = journal.done().size();
            if (options.overlays() != Overlays.NONE) {
                Files.createDirectories(run.file("overlays"));
            }
            if (writeMasks) {
                Files.createDirectories(run.file("masks"));
            }
            try {
                scoreRemaining(new Scoring(scorer, t, options, size, ok, okSizes, run), journal, model.sampleBits(),
                        loaded.config().scoring().batchSize(), afterBatch);
            } catch (IOException | RuntimeException | OutOfMemoryError e) {
                int done = journal.done().size();
                if (done == 0) {
                    throw e;
                }
                throw new AnomalyException("Predict stopped after " + done + " of " + ok.size() + " images (" + e
                        + "): their results are kept in " + run.dir() + "; continue with the same command and --resume --run-id "
                        + runId, e);
            }
            List<Prediction> predictions = journal.done();
            double f1 = Double.NaN;
            double auroc = Double.NaN;
            boolean known = predictions.stream().noneMatch(p -> p.groundTruth().isEmpty());
            if (known) {
                float[] scores = new float[predictions.size()];
                int[] labels = new int[predictions.size()];
                for (int i = 0; i < scores.length; i++) {
                    scores[i] = predictions.get(i).score();
                    labels[i] = predictions.get(i).groundTruth().equals("anomalous") ? 1 : 0;
                }
                auroc = Roc.auroc(scores, labels);
                f1 = t == null ? Double.NaN : F1Max.at(scores, labels, t.image());
            }
            run.writeString("predictions.csv", PredictionsCsv.predictions(predictions));
            String regionRows = journal.regionRows();
            if (writeMasks) {
                run.writeString("regions.csv", PredictionsCsv.REGIONS_HEADER + regionRows);
            }
            String commands = Files.readString(run.file("command.txt"));
            run.writeString("index.html", PredictPage.html(runId, predictions, t, writeMasks ? PredictPage.regionCounts(regionRows) : null,
                    f1, auroc, commands.strip()));
            run.writeString("metrics.json", JSON.writeValueAsString(metrics(predictions, skipped, t, f1, auroc, trained, outsideShapes, writeMasks,
                    options.minRegionArea(), resumed)));
            journal.close();
            return new Result(run.commit(), List.copyOf(predictions), skipped, f1, auroc, outsideShapes, resumed);
        } catch (IOException e) {
            throw new AnomalyException("cannot write predictions under " + reportsRoot + ": " + e.getMessage()
                    + " (check free disk space and permissions)", e);
        }
    }

    /** What scoring a batch needs besides the batch. */
    private record Scoring(PieceScorer scorer, Thresholds t, Options options, int size, List<ImageSample> inputs,
                           List<int[]> sizes, RunDirectory run) {
    }

    /**
     * Scores the inputs the journal does not hold yet, batch by batch: overlays and masks are written, then the batch's
     * rows are recorded, after which a failed run keeps its folder to be resumed.
     */
    private static void scoreRemaining(Scoring c, PredictJournal journal, int sampleBits, int batchSize, IntConsumer afterBatch)
            throws IOException {
        int size = c.size();
        int start = journal.done().size();
        int offset = start;
        int scoredHere = 0;
        AnomalyImageRecordReader reader = new AnomalyImageRecordReader(c.inputs().subList(start, c.inputs().size()), size, sampleBits);
        try (ProgressBar pb = Progress.bar("Predicting", c.inputs().size() - start)) {
            while (reader.hasNext()) {
                ImageBatches.Batch b = ImageBatches.next(reader, offset - start, batchSize); // the reader holds the rest only
                ScoredBatch s = c.scorer().score(b);
                float[] rgb = b.images().dup('c').data().asFloat();
                float[] masks = b.masks().dup('c').data().asFloat();
                List<Prediction> batch = new ArrayList<>();
                StringBuilder regions = new StringBuilder();
                for (int i = 0; i < b.samples().size(); i++) {
                    ImageSample sample = b.samples().get(i);
                    int index = offset + i;
                    String name = String.format("%05d_%s.png", index,
                            org.anomaly4j.data.ImageFiles.stem(sample.image()).replaceAll("[^A-Za-z0-9_.-]", "_"));
                    float[] map = s.maps()[i];
                    float score = s.scores()[i];
                    Thresholds t = c.t();
                    boolean anomalous = t != null && t.anomalous(score);
                    String overlay = "";
                    Overlays which = c.options().overlays();
                    if (which == Overlays.ALL || which == Overlays.ANOMALOUS && anomalous) {
                        overlay = "overlays/" + name;
                        float[] mask = sample.mask() == null ? null : Arrays.copyOfRange(masks, i * size * size, (i + 1) * size * size);
                        float lo = t != null && Double.isFinite(t.pixelMin()) ? (float) t.pixelMin() : min(map);
                        float hi = t != null && Double.isFinite(t.pixelMax()) ? (float) t.pixelMax() : max(map);
                        ImageIO.write(HeatmapOverlay.render(Arrays.copyOfRange(rgb, i * 3 * size * size, (i + 1) * 3 * size * size),
                                map, mask, size, lo, hi), "png", c.run().file(overlay).toFile());
                    }
                    if (c.options().masks()) {
                        int[] wh = c.sizes().get(index);
                        float[] atImageSize = DefectMask.atImageSize(map, size, wh[0], wh[1]);
                        boolean[] defects = DefectRegion.withoutSmaller(DefectMask.of(atImageSize, t.pixel()), wh[0], wh[1],
                                c.options().minRegionArea());
                        ImageIO.write(DefectMask.image(defects, wh[0], wh[1]), "png", c.run().file("masks/" + name).toFile());
                        regions.append(PredictionsCsv.regionRows(sample.image(), DefectRegion.of(defects, atImageSize, wh[0], wh[1])));
                    }
                    batch.add(new Prediction(sample.image(), score, t == null ? Double.NaN : t.normalizeImage(score),
                            t == null ? "" : (anomalous ? "anomalous" : "normal"), groundTruth(sample), overlay));
                }
                journal.append(batch, regions.toString());
                c.run().keepIfFailed();
                offset += b.samples().size();
                scoredHere += b.samples().size();
                pb.stepBy(b.samples().size());
                b.close();
                afterBatch.accept(scoredHere);
            }
        }
    }

    /** An input the model's data.crop does not fit in cannot be scored: an unusable input, like an undecodable one. */
    private static void requireCropFits(org.anomaly4j.data.Cutting cutting, Path image, BufferedImage img) {
        try {
            cutting.pieces(img.getWidth(), img.getHeight());
        } catch (IllegalArgumentException e) {
            throw new AnomalyException("image " + image + ": " + e.getMessage() + " (the model was trained on that region)", e);
        }
    }

    /** Refuses, before anything is written, the options that need a threshold the model does not store ({@code t}). */
    private static void requireThresholdsFor(Options options, Thresholds t) {
        if (options.minRegionArea() < 0) {
            throw new AnomalyException("--min-region-area " + options.minRegionArea() + ": give a number of pixels, 0 or more");
        }
        if (options.minRegionArea() > 0 && !options.masks()) {
            throw new AnomalyException("--min-region-area applies to the masks and regions.csv: add --masks");
        }
        if (!Double.isNaN(options.pixelThreshold()) && !options.masks()) {
            throw new AnomalyException("--pixel-threshold applies to the masks and regions.csv: add --masks");
        }
        if (Double.isInfinite(options.pixelThreshold())) {
            throw new AnomalyException("--pixel-threshold " + options.pixelThreshold() + " is not a map value (give e.g. Evaluate's "
                    + "pixel_F1Max_threshold)");
        }
        String none = " (it was trained without validation images: set data.validationFraction above 0 and train again";
        if (options.masks() && t == null) {
            throw new AnomalyException("--masks needs the pixel threshold stored in the model, and this model stores no thresholds"
                    + none + ", or leave out --masks)");
        }
        if (options.masks() && !Double.isFinite(t.pixel()) && !Double.isFinite(options.pixelThreshold())) {
            throw new AnomalyException("--masks needs the pixel threshold stored in the model, and this model has none (its "
                    + "validation set had no pixel masks, e.g. one-class data; give --pixel-threshold, or leave out --masks)");
        }
        if (options.overlays() == Overlays.ANOMALOUS && t == null && !Double.isFinite(options.imageThreshold())) {
            throw new AnomalyException("--overlays anomalous needs an image threshold, and this model stores none" + none
                    + ", or give --image-threshold, or use --overlays all)");
        }
    }

    private static String groundTruth(ImageSample s) {
        if (PredictInputs.UNKNOWN.equals(s.defectType())) {
            return "";
        }
        return s.anomalous() ? "anomalous" : "normal";
    }

    private static Map<String, Object> metrics(List<Prediction> p, List<String> skipped, Thresholds t, double f1, double auroc,
                                               InputAspectRange trained, List<String> outsideShapes, boolean masks, int minRegionArea,
                                               int resumed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("images", p.size());
        m.put("predicted_anomalous", p.stream().filter(x -> x.label().equals("anomalous")).count());
        m.put("skipped", skipped);
        m.put("image_threshold", t == null ? null : t.image());
        m.put("thresholds_source", t == null ? null : t.source());
        m.put("image_F1_at_threshold", Double.isFinite(f1) ? f1 : null);
        m.put("image_AUROC", Double.isFinite(auroc) ? auroc : null);
        m.put("training_input_aspect", trained == null ? null : trained.toMap());
        m.put("outside_training_shapes", outsideShapes);
        m.put("scored_before_resume", resumed);
        m.put("masks", masks ? "masks/<nnnnn>_<image name>.png: the image's own size, white where the map is at or above the pixel threshold "
                + t.pixel() + "; regions.csv: each mask's 8-connected regions (bounding box, area in pixels, peak map value), "
                + "highest peak first" + (minRegionArea > 0 ? "; regions of fewer than " + minRegionArea + " pixels left out" : "")
                : null);
        return m;
    }

    private static float min(float[] v) {
        float m = Float.POSITIVE_INFINITY;
        for (float x : v) {
            m = Math.min(m, x);
        }
        return m;
    }

    private static float max(float[] v) {
        float m = Float.NEGATIVE_INFINITY;
        for (float x : v) {
            m = Math.max(m, x);
        }
        return m;
    }
}
