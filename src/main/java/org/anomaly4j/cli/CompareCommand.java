package org.anomaly4j.cli;

import org.anomaly4j.AnomalyException;
import org.anomaly4j.metrics.PairedAurocDifference;
import org.anomaly4j.pipeline.RunComparison;
import org.anomaly4j.report.RunSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "Compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Is run B's image AUROC better than run A's, or within the noise of the images? Reads both runs' "
                + "scores on the same split (Train runs keep their validation scores; Evaluate --split validation runs are "
                + "validation scores too) and prints both AUROCs, the difference B - A "
                + "and its paired bootstrap 95 % interval (" + RunComparison.RESAMPLES + " resamples; a held-out normal and its "
                + "synthetic defective copies are drawn together).",
                "Verdict: B better or A better when the interval excludes 0, else a tie."})
public class CompareCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_A", description = "Run folder of the reference (e.g. reports/<run>).")
    Path a;

    @Parameters(index = "1", paramLabel = "RUN_B", description = "Run folder of the candidate.")
    Path b;

    @Option(names = "--split", paramLabel = "SPLIT", defaultValue = "validation",
            description = "validation (default: where settings are chosen) or test (for reporting only).")
    String split;

    @Option(names = "--verbose", description = "Print stack traces on errors.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!split.equals(RunSummary.VALIDATION) && !split.equals(RunSummary.TEST)) {
            throw new AnomalyException("--split: '" + split + "' is not one of validation, test");
        }
        PairedAurocDifference d = RunComparison.of(a, b, split);
        var out = spec.commandLine().getOut();
        out.println(split.equals(RunSummary.TEST) ? "test split (for reporting: choose settings on the validation split)"
                : "validation split");
        out.printf("A %s: image AUROC %.4f%n", a, d.aurocA());
        out.printf("B %s: image AUROC %.4f%n", b, d.aurocB());
        out.printf("B - A: %+.4f, 95 %% paired bootstrap interval %+.4f … %+.4f (%d resamples of %d independent units): %s%n",
                d.difference(), d.lower(), d.upper(), d.resamples(), d.clusters(), d.verdict());
        out.flush();
        return 0;
    }
}
