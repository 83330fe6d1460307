package org.anomaly4j.cli;

import org.anomaly4j.config.ConfigLoader;
import org.anomaly4j.config.HfrConfig;
import org.anomaly4j.metrics.EvaluationMetrics;
import org.anomaly4j.pipeline.TrainService;
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
        TrainService.Result r = TrainService.run(cfg, command, common.reports, common.runId("train"));
        print(spec.commandLine().getOut(), r.evaluation().metrics(), r.runDir().toString(), r.warning());
        return 0;
    }

    static void print(java.io.PrintWriter out, EvaluationMetrics m, String dir, String warning) {
        if (warning != null && !warning.isEmpty()) {
            out.println("WARNING: " + warning);
        }
        out.printf("image AUROC %s | image F1-max %s | pixel AUROC %s | pixel AUPRO %s%n",
                fmt(m.imageAuroc()), fmt(m.imageF1Max()), fmt(m.pixelAuroc()), fmt(m.pixelAupro()));
        out.println("report: " + dir);
        out.flush();
    }

    static String fmt(double v) {
        return Double.isFinite(v) ? String.format("%.4f", v) : "n/a";
    }
}
