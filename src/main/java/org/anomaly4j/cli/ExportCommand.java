package org.anomaly4j.cli;

import org.anomaly4j.config.ConfigLoader;
import org.anomaly4j.config.HfrConfig;
import org.anomaly4j.config.ModelFixedKeys;
import org.anomaly4j.export.ExportGraphBuilder;
import org.anomaly4j.export.ExportService;
import org.anomaly4j.pipeline.ModelStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "Export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write a self-contained DL4J ComputationGraph zip that scores images without anomaly4j.",
                "Input: a preprocessed image batch; outputs '" + ExportGraphBuilder.MAP_OUTPUT + "' [N,1,H,W] and '"
                        + ExportGraphBuilder.SCORE_OUTPUT + "' [N,1]; the JSON entry 'anomaly4j-export.json' holds the "
                        + "preprocessing, thresholds, normalisation and provenance.",
                "Load it with ModelSerializer.restoreComputationGraph."})
public class ExportCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "ZIP", description = "model.zip written by Train.")
    Path model;

    @Option(names = "--output", paramLabel = "ZIP", description = "Where to write (default: exported.zip beside the model). An existing file is replaced only if it is an earlier export.")
    Path output;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a scoring or data key, e.g. --set scoring.scoreMode=max (baseline and thresholds are then recomputed on the model's dataset).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--verbose", description = "Print stack traces on errors.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ModelStore.Loaded loaded = ModelStore.load(model);
        ModelFixedKeys.requireUnchanged(loaded.config(), overrides, "Export");
        HfrConfig cfg = overrides.isEmpty() ? loaded.config()
                : ConfigLoader.withOverrides(loaded.config(), overrides, "model config + --set");
        Path out = output != null ? output : model.toAbsolutePath().resolveSibling("exported.zip");
        ExportService.Result r = ExportService.run(model, loaded, cfg, out);
        var o = spec.commandLine().getOut();
        o.println("exported: " + r.file() + " (self-check max |map difference| " + String.format("%.2e", r.selfCheckMaxDiff()) + ")");
        o.println(r.metadata().thresholds() == null ? "thresholds: none (the model had no validation images)"
                : "image threshold " + String.format("%.5g", r.metadata().thresholds().image()) + " (" + r.metadata().thresholds().source() + ")");
        o.flush();
        return 0;
    }
}
