package org.anomaly4j.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Options shared by the commands that read a config and write a run folder. */
public class CommonOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "YAML config (see hyperparams/).")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a config key, e.g. --set train.epochs=5 (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--reports", paramLabel = "DIR", defaultValue = "reports", description = "Where run folders go (default: ${DEFAULT-VALUE}).")
    Path reports;

    @Option(names = "--run-id", paramLabel = "ID", description = "Name of the run folder (default: <command>-<timestamp>).")
    String runId;

    @Option(names = "--verbose", description = "Print stack traces on errors.")
    boolean verbose;

    String runId(String command) {
        if (runId != null && !runId.isBlank()) {
            return runId;
        }
        String stem = config == null ? "demo" : config.getFileName().toString().replaceAll("\\.ya?ml$", "");
        return command + "-" + stem + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    }

    static String commandLine(String mainClass, String[] args) {
        StringBuilder sb = new StringBuilder("mvn -q compile exec:java -Dexec.mainClass=").append(mainClass);
        if (args.length > 0) {
            sb.append(" -Dexec.args=\"").append(String.join(" ", args)).append('"');
        }
        return sb.toString();
    }
}
