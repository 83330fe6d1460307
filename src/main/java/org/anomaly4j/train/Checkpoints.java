package org.anomaly4j.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.anomaly4j.AnomalyException;
import org.anomaly4j.report.RunDirectory;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Per-epoch checkpoints of one run in {@code <reports>/.checkpoints/<run-id>/epoch-<n>/}: the trained
 * graph with its updater state ({@code graph.zip}), the best parameters so far ({@code best.bin}) and
 * the loop state ({@code state.json}). An epoch folder is built under a temporary name and renamed,
 * so a crash at any moment leaves only complete checkpoints; older epochs are removed after the
 * rename. Kept outside the run folder, so a failed run (e.g. a NaN loss) keeps its last good checkpoint.
 */
public final class Checkpoints {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Path dir;

    public Checkpoints(Path dir) {
        this.dir = dir;
    }

    public static Checkpoints forRun(Path reportsRoot, String runId) {
        return new Checkpoints(reportsRoot.resolve(".checkpoints").resolve(runId));
    }

    public Path dir() {
        return dir;
    }

    /**
     * Loop state after an epoch. {@code fingerprint}: the config the run was started with (everything
     * that changes training), compared on resume.
     */
    public record State(int epoch, List<Double> trainLoss, List<Double> validationLoss, double best, int bestEpoch,
                        int epochsSinceBest, int iterationCount, String fingerprint) {
    }

    public record Loaded(State state, ComputationGraph graph, INDArray bestParams, Path from) {
    }

    public void save(State state, ComputationGraph graph, INDArray bestParams) {
        Path tmp = dir.resolve(".epoch-" + state.epoch() + ".tmp");
        Path target = dir.resolve("epoch-" + state.epoch());
        try {
            RunDirectory.deleteTree(tmp);
            Files.createDirectories(tmp);
            ModelSerializer.writeModel(graph, tmp.resolve("graph.zip").toFile(), true);
            Nd4j.saveBinary(bestParams, tmp.resolve("best.bin").toFile());
            Files.writeString(tmp.resolve("state.json"), JSON.writeValueAsString(state));
            RunDirectory.deleteTree(target);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            RunDirectory.deleteTree(tmp);
            throw new AnomalyException("cannot write checkpoint " + target + ": " + e.getMessage()
                    + " (check free disk space; the previous checkpoint is kept)", e);
        }
        for (Path old : epochs()) {
            if (!old.equals(target)) {
                RunDirectory.deleteTree(old);
            }
        }
    }

    /** Whether a complete checkpoint exists. */
    public boolean exists() {
        return !epochs().isEmpty();
    }

    /** The newest complete checkpoint, if any. */
    public Optional<Loaded> latest() {
        List<Path> all = epochs();
        if (all.isEmpty()) {
            return Optional.empty();
        }
        Path last = all.get(all.size() - 1);
        try {
            State s = JSON.readValue(last.resolve("state.json").toFile(), State.class);
            ComputationGraph g = ModelSerializer.restoreComputationGraph(last.resolve("graph.zip").toFile(), true);
            INDArray best = Nd4j.readBinary(last.resolve("best.bin").toFile());
            return Optional.of(new Loaded(s, g, best, last));
        } catch (IOException | RuntimeException e) {
            throw new AnomalyException("checkpoint " + last + " is unreadable: " + e.getMessage()
                    + " (delete " + dir + " and train without --resume)", e);
        }
    }

    /** Removes every checkpoint of the run (after it completed). */
    public void delete() {
        RunDirectory.deleteTree(dir);
        try {
            Files.deleteIfExists(dir.getParent()); // only when no other run has checkpoints
        } catch (IOException ignored) {
            // not empty: other interrupted runs keep theirs
        }
    }

    private List<Path> epochs() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("epoch-\\d+"))
                    .sorted(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString().substring(6))))
                    .toList();
        } catch (IOException e) {
            throw new AnomalyException("cannot list checkpoints in " + dir + ": " + e.getMessage(), e);
        }
    }
}
