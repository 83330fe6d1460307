package org.anomaly4j.cli;

import org.anomaly4j.AnomalyException;
import org.anomaly4j.train.TrainingUi;
import org.deeplearning4j.ui.api.UIServer;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "Ui", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Replay the training statistics of a run in the DL4J training UI until Ctrl-C:",
                "  Ui --file reports/<run>/ui-stats.dl4j",
                "then open http://localhost:9000/train/overview"})
public class UiCommand implements Callable<Integer> {
    @Option(names = "--file", required = true, paramLabel = "FILE", description = "ui-stats.dl4j of a Train run.")
    Path file;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "9000", description = "UI port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--verbose", description = "Print stack traces on errors.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        serveUntilInterrupted(file, port, spec.commandLine().getOut());
        return 0;
    }

    static void serveUntilInterrupted(Path file, int port, PrintWriter out) {
        if (!Files.isRegularFile(file)) {
            throw new AnomalyException("statistics file not found: " + file + " (every Train run writes reports/<run>/ui-stats.dl4j)");
        }
        FileStatsStorage storage;
        try {
            storage = new FileStatsStorage(file.toFile());
        } catch (RuntimeException e) {
            throw new AnomalyException("cannot read " + file + " as DL4J training statistics: " + e.getMessage(), e);
        }
        UIServer server = TrainingUi.start(port);
        server.attach(storage);
        out.println("DL4J training UI: " + TrainingUi.address(server) + "/train/overview (Ctrl-C to stop)");
        out.flush();
        try {
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
