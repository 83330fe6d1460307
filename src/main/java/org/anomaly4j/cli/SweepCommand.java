package org.anomaly4j.cli;

import org.anomaly4j.sweep.SweepService;
import org.anomaly4j.sweep.SweepSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;

@Command(name = "Sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Arbiter search (random or grid) over decoder depth/width/bottleneck, branch loss weights, loss type, "
                + "learning rate, ... as given by a sweep file (hyperparams/sweeps/*.yaml); each candidate is a Train run "
                + "scored on the validation split.",
                "Writes reports/sweeps/<id>/ (table, best.yaml, best-model.zip)."})
public class SweepCommand implements Callable<Integer> {
    @Option(names = "--sweep", required = true, paramLabel = "FILE", description = "Sweep file, e.g. hyperparams/sweeps/magnetic-tile.yaml.")
    Path sweep;

    @Option(names = "--reports", paramLabel = "DIR", defaultValue = "reports", description = "Reports folder (default: ${DEFAULT-VALUE}).")
    Path reports;

    @Option(names = "--run-id", paramLabel = "ID", description = "Sweep folder name (default: sweep-<file>-<timestamp>).")
    String runId;

    @Option(names = "--resume", description = "Continue the stopped sweep given by --run-id (same sweep file): finished "
            + "candidates are kept, one stopped part way continues from its last epoch, the rest run.")
    boolean resume;

    @Option(names = "--ui", description = "Show every candidate's training in the DL4J UI.")
    boolean ui;

    @Option(names = "--ui-port", paramLabel = "PORT", defaultValue = "9000", description = "UI port (default: ${DEFAULT-VALUE}).")
    int uiPort;

    @Option(names = "--verbose", description = "Print stack traces on errors.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    private final String[] rawArgs;

    public SweepCommand(String... rawArgs) {
        this.rawArgs = rawArgs;
    }

    @Override
    public Integer call() {
        if (resume && runId == null) {
            throw new org.anomaly4j.AnomalyException("--resume needs the --run-id of the stopped sweep (its folder under "
                    + reports.resolve("sweeps") + ")");
        }
        SweepSpec s = SweepSpec.load(sweep);
        String id = runId != null ? runId : "sweep-" + sweep.getFileName().toString().replaceAll("\\.ya?ml$", "") + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        SweepService.Result r = SweepService.run(s, sweep, reports, id, ui ? uiPort : null, CommonOptions.commandLine("Sweep", rawArgs),
                resume);
        var out = spec.commandLine().getOut();
        out.printf("%d candidates; best %s %.4f (candidate %d: %s)%n", r.rows().size(), s.score(), r.best().score(),
                r.best().index(), String.join(" ", r.best().overrides()));
        out.println("table: " + r.dir().resolve("table.md"));
        out.println("best config: " + r.bestYaml());
        out.flush();
        return 0;
    }
}
