package org.anomaly4j.cli;

import org.anomaly4j.pipeline.ModelStore;
import org.anomaly4j.predict.PredictInputs;
import org.anomaly4j.predict.PredictService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "Predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score new images with a trained model.zip.",
                "Writes reports/<run>/predictions.csv (path, score, normalised score, label at the model's stored threshold, "
                        + "ground truth where the folder layout tells it), heat-map overlays (--overlays), index.html (every image, highest "
                        + "score first, for review) and, with --masks, defect masks; images shaped "
                        + "unlike the training images are named in a warning.",
                "Exit code 2 for unreadable inputs (nothing written); with --keep-going they are skipped and listed, "
                        + "and the exit code is " + PredictCommand.PARTIAL + ".",
                "A run stopped part way (crash, kill, power cut) keeps what it scored in <reports>/.incomplete-<run-id>/: "
                        + "continue it with the same command and --resume --run-id <run-id>."})
public class PredictCommand implements Callable<Integer> {
    /** Finished, but some inputs were skipped (--keep-going). */
    public static final int PARTIAL = 3;

    @Option(names = "--model", required = true, paramLabel = "ZIP", description = "model.zip written by Train.")
    Path model;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Image files, folders (recursive) or @list.txt files.")
    List<String> inputs;

    @Option(names = "--keep-going", description = "Skip unreadable images (listed in the output) instead of stopping.")
    boolean keepGoing;

    @Option(names = "--masks", description = "Also write each image's predicted defect mask to masks/ (PNG at the image's own "
            + "size, white where the anomaly map reaches the model's stored pixel threshold; named like its overlay) and regions.csv "
            + "(each mask's connected regions: bounding box, area, peak map value).")
    boolean masks;

    @Option(names = "--pixel-threshold", paramLabel = "VALUE", defaultValue = "NaN",
            description = "With --masks: mark pixels from this anomaly-map value on instead of at the model's stored pixel "
                    + "threshold (fitted on small synthetic defects, so strict), e.g. the pixel_F1Max_threshold Evaluate reports on "
                    + "labelled images with masks.")
    double pixelThreshold;

    @Option(names = "--min-region-area", paramLabel = "PX", defaultValue = "0",
            description = "With --masks: leave regions of fewer pixels (at the image's own size) out of masks/ and regions.csv, "
                    + "the smallest defect your reject rule counts (default: keep all). Labels still follow the image score.")
    int minRegionArea;

    @Option(names = "--overlays", paramLabel = "WHICH", defaultValue = "all",
            description = "Which images get a heat-map overlay in overlays/: all (default), anomalous (labelled so at the "
                    + "threshold in use: the stored one or --image-threshold) or none.")
    String overlays;

    @Option(names = "--image-threshold", paramLabel = "SCORE", defaultValue = "NaN",
            description = "Label images anomalous from this score on instead of at the model's stored threshold (e.g. the "
                    + "image_F1Max_threshold Evaluate reports on labelled images of your own).")
    double imageThreshold;

    @Option(names = "--reports", paramLabel = "DIR", defaultValue = "reports", description = "Where the run folder goes (default: ${DEFAULT-VALUE}).")
    Path reports;

    @Option(names = "--run-id", paramLabel = "ID", description = "Name of the run folder (default: predict-<timestamp>).")
    String runId;

    @Option(names = "--resume", description = "Continue an interrupted run (crash, kill, power cut) given by --run-id: the "
            + "images it scored are kept, the rest scored. Give the same model, inputs and output options as the interrupted "
            + "command; its work is in <reports>/.incomplete-<run-id>/.")
    boolean resume;

    @Option(names = "--verbose", description = "Print stack traces on errors.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    private final String[] rawArgs;

    public PredictCommand(String... rawArgs) {
        this.rawArgs = rawArgs;
    }

    private PredictService.Overlays overlayChoice() {
        try {
            return PredictService.Overlays.valueOf(overlays.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new org.anomaly4j.AnomalyException("--overlays " + overlays + " is not one of all, anomalous, none");
        }
    }

    @Override
    public Integer call() throws java.io.IOException {
        PredictService.Overlays which = overlayChoice(); // before the model loads: a typo costs nothing
        if (resume && runId == null) {
            throw new org.anomaly4j.AnomalyException("--resume needs the --run-id of the interrupted run (the <id> of its "
                    + "folder " + reports.resolve(".incomplete-<id>") + ")");
        }
        ModelStore.Loaded loaded = ModelStore.load(model);
        List<Path> images = PredictInputs.expand(inputs);
        String id = runId != null ? runId : "predict-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        PredictService.Result r = PredictService.run(loaded, images, new PredictService.Options(keepGoing, masks, which, imageThreshold, minRegionArea, resume, pixelThreshold), CommonOptions.commandLine("Predict", rawArgs), reports, id);
        var out = spec.commandLine().getOut();
        long flagged = r.predictions().stream().filter(p -> p.label().equals("anomalous")).count();
        out.printf("%d images scored, %d anomalous at the %s threshold%s%n", r.predictions().size(), flagged,
                Double.isFinite(imageThreshold) ? "given" : "stored",
                r.skipped().isEmpty() ? "" : ", " + r.skipped().size() + " skipped");
        if (r.resumed() > 0) {
            out.printf("(%d of them scored before the interruption, %d now)%n", r.resumed(), r.predictions().size() - r.resumed());
        }
        if (Double.isFinite(r.f1AtThreshold())) {
            out.printf("ground truth from the folder layout: image F1 at that threshold %.4f, image AUROC %s%n",
                    r.f1AtThreshold(), Double.isFinite(r.imageAuroc()) ? String.format("%.4f", r.imageAuroc())
                            : "n/a (the images are all of one kind)");
        }
        if (!r.outsideTrainingShapes().isEmpty()) {
            out.printf("WARNING: %d images are shaped unlike the training images (width/height outside their range; scores less reliable; "
                    + "listed in metrics.json)%n", r.outsideTrainingShapes().size());
        }
        if (masks) {
            java.util.List<String> rows = java.nio.file.Files.readAllLines(r.runDir().resolve("regions.csv"));
            long withRegions = rows.stream().skip(1).map(l -> org.anomaly4j.report.CsvRow.parse(l, r.runDir().resolve("regions.csv")).path())
                    .distinct().count();
            out.printf("defect regions: %d in %d images (masks/, regions.csv)%n", rows.size() - 1, withRegions);
        }
        out.println("predictions: " + r.runDir().resolve("predictions.csv"));
        out.println("review: " + r.runDir().resolve("index.html"));
        out.flush();
        return r.skipped().isEmpty() ? 0 : PARTIAL;
    }
}
