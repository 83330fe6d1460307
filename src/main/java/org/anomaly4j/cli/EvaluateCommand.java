package org.anomaly4j.cli;

import org.anomaly4j.config.ConfigLoader;
import org.anomaly4j.config.HfrConfig;
import org.anomaly4j.config.ModelFixedKeys;
import org.anomaly4j.pipeline.EvaluateService;
import org.anomaly4j.pipeline.ModelStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "Evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Re-score a saved model.zip on a dataset's test split and write reports/<run>/.",
                "The data and scoring settings default to those the model was trained with; --config and --set override them",
                "(model.*, train.*, data.imageSize, data.sampleBits, data.tiles and data.crop belong to the trained model and cannot be changed here)."})
public class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "ZIP", description = "model.zip written by Train.")
    Path model;

    @Option(names = "--split", paramLabel = "SPLIT", defaultValue = "test",
            description = "test (default) or validation: the held-out training normals plus labelled anomalies that are not in the test split (one-class datasets: held-out training images of the other classes; otherwise copies of the normals with synthetic defects), for choosing scoring settings without touching the test split.")
    String split;

    @Option(names = "--keep-going", description = "Skip images that cannot be decoded (listed in the console and skipped.txt) instead of stopping.")
    boolean keepGoing;

    @Mixin
    CommonOptions common = new CommonOptions();

    @Spec
    CommandSpec spec;

    private final String[] rawArgs;

    public EvaluateCommand(String... rawArgs) {
        this.rawArgs = rawArgs;
    }

    @Override
    public Integer call() {
        ModelStore.Loaded loaded = ModelStore.load(model);
        HfrConfig cfg = loaded.config();
        if (common.config != null) {
            // Start from the model's own config; a file overrides data and scoring, --set any key.
            HfrConfig file = ConfigLoader.load(common.config, List.of());
            cfg = new HfrConfig(file.data(), cfg.model(), cfg.train(), file.scoring());
        }
        if (!common.overrides.isEmpty()) {
            ModelFixedKeys.requireUnchanged(loaded.config(), common.overrides, "Evaluate");
            cfg = ConfigLoader.withOverrides(cfg, common.overrides, "model config + --set");
        }
        String command = CommonOptions.commandLine("Evaluate", rawArgs);
        if (!split.equals("test") && !split.equals("validation")) {
            throw new org.anomaly4j.AnomalyException("--split: '" + split + "' is not one of test, validation");
        }
        EvaluateService.Result r = EvaluateService.run(loaded, cfg.data(), cfg.scoring(), command, common.reports,
                common.runId("evaluate"), split.equals("validation"), keepGoing);
        if (Double.isFinite(r.f1AtThreshold())) {
            spec.commandLine().getOut().printf("image F1 at the model's stored threshold %.4f%n", r.f1AtThreshold());
        }
        TrainCommand.print(spec.commandLine().getOut(), split, r.evaluation(), r.thresholds(), r.runDir().toString(), r.warning());
        return 0;
    }
}
