package org.anomaly4j.cli;

import org.anomaly4j.config.ConfigLoader;
import org.anomaly4j.config.HfrConfig;
import org.anomaly4j.metrics.EvaluationMetrics;
import org.anomaly4j.pipeline.EvaluationResult;
import org.anomaly4j.report.ReportWriter;
import org.anomaly4j.scoring.Thresholds;
import org.anomaly4j.AnomalyException;
import org.anomaly4j.pipeline.TrainCheck;
import org.anomaly4j.pipeline.TrainOptions;
import org.anomaly4j.pipeline.TrainService;
import picocli.CommandLine.Option;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

@Command(name = "Train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train the HFR decoder on normal images, evaluate on the test split and write reports/<run>/.",
                "Without --config: the built-in demo (synthetic defects, a few minutes on 2 cores)."})
public class TrainCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = "--resume", description = "Continue the interrupted run given by --run-id from its last checkpoint (reports/.checkpoints/<run-id>/).")
    boolean resume;

    @Option(names = "--dry-run", description = "Check the config, every image and mask, and the weights, print what would be "
            + "trained on, and stop: no training, nothing written.")
    boolean dryRun;

    @Option(names = "--keep-going", description = "Skip images that cannot be decoded (listed in the console and skipped.txt) instead of stopping.")
    boolean keepGoing;

    @Option(names = "--ui", description = "Show training in the DL4J UI (http://localhost:<port>/train/overview). Statistics are always recorded to <run>/ui-stats.dl4j.")
    boolean ui;

    @Option(names = "--ui-port", paramLabel = "PORT", defaultValue = "9000", description = "Port of the DL4J UI (default: ${DEFAULT-VALUE}).")
    int uiPort;

    @Option(names = "--ui-keep-open", description = "Keep the UI running after training until Ctrl-C.")
    boolean uiKeepOpen;

    @Spec
    CommandSpec spec;

    private final String[] rawArgs;

    public TrainCommand(String... rawArgs) {
        this.rawArgs = rawArgs;
    }

    @Override
    public Integer call() {
        HfrConfig cfg = common.config == null
                ? ConfigLoader.loadResource("demo.yaml", common.overrides)
                : ConfigLoader.load(common.config, common.overrides);
        String command = CommonOptions.commandLine("Train", rawArgs);
        if (dryRun) {
            TrainCheck.Result check = TrainCheck.run(cfg, keepGoing);
            var out = spec.commandLine().getOut();
            check.lines().forEach(out::println);
            if (!check.warning().isEmpty()) {
                out.println("WARNING: " + check.warning());
            }
            out.println("dry run: nothing trained or written; run the same command without --dry-run to train");
            out.flush();
            return 0;
        }
        if (resume && (common.runId == null || common.runId.isBlank())) {
            throw new AnomalyException("--resume needs the --run-id of the interrupted run (see reports/.checkpoints/)");
        }
        boolean keep = ui && uiKeepOpen;
        TrainService.Result r = TrainService.run(cfg, command, common.reports, common.runId("train"),
                new TrainOptions(resume, ui ? uiPort : null, keep, keepGoing));
        print(spec.commandLine().getOut(), "test", r.evaluation(), r.validation() == null ? null : r.validation().fitted(),
                r.runDir().toString(), r.warning());
        out().println("next: score new images with  mvn -q compile exec:java -Dexec.mainClass=Predict -Dexec.args=\"--model "
                + r.runDir().resolve("model.zip") + " <images or folders>\"");
        out().flush();
        if (keep) {
            UiCommand.serveUntilInterrupted(r.runDir().resolve(TrainService.UI_STATS), uiPort, spec.commandLine().getOut());
        }
        return 0;
    }

    private java.io.PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** The run's figures on {@code split} on the console; {@code thresholds}: the model's stored ones (null: none). */
    static void print(java.io.PrintWriter out, String split, EvaluationResult evaluation, Thresholds thresholds, String dir,
                      String warning) {
        if (warning != null && !warning.isEmpty()) {
            out.println("WARNING: " + warning);
        }
        EvaluationMetrics m = evaluation.metrics();
        out.printf("image AUROC %s | image F1-max %s | pixel AUROC %s | pixel AUPRO %s%n",
                fmt(m.imageAuroc()), fmt(m.imageF1Max()), fmt(m.pixelAuroc()), fmt(m.pixelAupro()));
        String flagged = evaluation.normalsFlaggedText(thresholds);
        if (m.anomalous() == 0) {
            out.println(split + " split: good images only (no defect images, so no AUROC or F1)");
        }
        if (!flagged.isEmpty()) {
            out.println("good " + split + " images flagged at the stored threshold (false positives): " + flagged);
        }
        if (m.anomalous() == 0) {
            out.println(ReportWriter.lineThresholdText(evaluation));
        }
        out.println("report: " + dir);
        out.flush();
    }

    static String fmt(double v) {
        return Double.isFinite(v) ? String.format("%.4f", v) : "n/a";
    }
}
