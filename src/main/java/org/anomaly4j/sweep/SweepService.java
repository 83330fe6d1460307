package org.anomaly4j.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.anomaly4j.AnomalyException;
import org.anomaly4j.report.AtomicFiles;
import org.anomaly4j.report.RunDirectory;
import org.anomaly4j.config.ConfigLoader;
import org.anomaly4j.config.HfrConfig;
import org.anomaly4j.train.TrainingUi;
import org.deeplearning4j.arbiter.optimize.api.CandidateGenerator;
import org.deeplearning4j.arbiter.optimize.api.termination.MaxCandidatesCondition;
import org.deeplearning4j.arbiter.optimize.api.termination.MaxTimeCondition;
import org.deeplearning4j.arbiter.optimize.api.termination.TerminationCondition;
import org.deeplearning4j.arbiter.optimize.config.OptimizationConfiguration;
import org.deeplearning4j.arbiter.optimize.generator.GridSearchCandidateGenerator;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;
import org.deeplearning4j.arbiter.optimize.runner.LocalOptimizationRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs an Arbiter search over the training config ({@link ConfigSpace}, {@link SweepTaskCreator}),
 * bounded by candidate count and time (no candidate starts after the time is up), one candidate at a
 * time. Writes {@code reports/sweeps/<id>/}: {@code table.md}, {@code candidates.csv} and
 * {@code sweep.json} (rewritten after every candidate, so an interrupted sweep keeps what it found),
 * {@code best.yaml} (reproduces the best candidate with {@code Train --config}), {@code best-model.zip}
 * and every candidate's run folder under {@code candidates/}.
 */
public final class SweepService {
    private static final Logger LOG = LoggerFactory.getLogger(SweepService.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SweepService() {
    }

    public record Result(Path dir, List<SweepRow> rows, SweepRow best, Path bestYaml) {
    }

    public static Result run(SweepSpec spec, Path sweepFile, Path reportsRoot, String sweepId, Integer uiPort, String command) {
        return run(spec, sweepFile, reportsRoot, sweepId, uiPort, command, false);
    }

    /**
     * @param resume continue the stopped sweep {@code sweepId}: the same seed proposes the same candidates, the ones it
     *               finished are read back from their run folders, a candidate stopped part way continues from its last
     *               checkpoint, failed ones run again
     */
    public static Result run(SweepSpec spec, Path sweepFile, Path reportsRoot, String sweepId, Integer uiPort, String command,
                             boolean resume) {
        ConfigLoader.load(spec.base(), spec.fixed()); // a bad base config fails now, not in every candidate
        RunDirectory.requireFolderName(sweepId, "--run-id");
        Path dir = reportsRoot.resolve("sweeps").resolve(sweepId);
        if (!resume && Files.exists(dir)) {
            throw new AnomalyException("sweep folder already exists: " + dir + " (continue it with --resume, choose another "
                    + "--run-id, or remove it)");
        }
        if (resume && !Files.isDirectory(dir.resolve("candidates"))) {
            throw new AnomalyException("--resume: no sweep '" + sweepId + "' to continue (no folder " + dir.resolve("candidates")
                    + "); give the --run-id of the stopped sweep, or leave out --resume");
        }
        try {
            Files.createDirectories(dir.resolve("candidates"));
        } catch (IOException e) {
            throw new AnomalyException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        long start = System.nanoTime();
        List<SweepRow> rows = new ArrayList<>();
        SweepTaskCreator tasks = new SweepTaskCreator(spec, dir.resolve("candidates"), uiPort, command, row -> {
            synchronized (rows) {
                rows.add(row);
                writeTables(dir, spec, sweepFile, rows, (System.nanoTime() - start) / 1e9, command);
            }
        });
        ConfigSpace space = new ConfigSpace(spec.space());
        List<TerminationCondition> stop = new ArrayList<>(List.of(new MaxCandidatesCondition(spec.maxCandidates()),
                new MaxTimeCondition((long) Math.ceil(spec.maxMinutes() * 60), TimeUnit.SECONDS)));
        CandidateGenerator generator;
        if (spec.search().equals("grid")) {
            GridSearchCandidateGenerator grid = new GridSearchCandidateGenerator(space, spec.gridPoints(),
                    GridSearchCandidateGenerator.Mode.Sequential, null);
            stop.add(new GridExhausted(grid));
            generator = grid;
        } else {
            generator = new RandomSearchGenerator(space, null);
        }
        OptimizationConfiguration conf = new OptimizationConfiguration.Builder()
                .candidateGenerator(generator)
                .dataProvider(new ValidationScore.ConfigData())
                .scoreFunction(new ValidationScore(spec.score()))
                .terminationConditions(stop)
                .rngSeed(spec.seed())
                .build();
        LocalOptimizationRunner runner = new LocalOptimizationRunner(1, conf, tasks);
        try {
            runner.execute();
        } finally {
            runner.shutdown(true);
            if (uiPort != null) {
                TrainingUi.stop();
            }
        }
        Optional<SweepRow> best = rows.stream().filter(r -> r.score() != null && Double.isFinite(r.score()))
                .max(Comparator.comparingDouble(SweepRow::score));
        if (best.isEmpty()) {
            throw new AnomalyException("no sweep candidate completed; see " + dir.resolve("table.md") + " for each failure");
        }
        SweepRow b = best.get();
        HfrConfig bestConfig = SweepTaskCreator.config(spec, new SweepCandidate(b.overrides()));
        Path bestYaml = dir.resolve("best.yaml");
        try {
            AtomicFiles.writeString(bestYaml, "# Best candidate (" + b.index() + ") of sweep " + sweepId + ": " + spec.score() + " "
                    + String.format("%.4f", b.score()) + "\n# Reproduce: mvn -q compile exec:java -Dexec.mainClass=Train -Dexec.args=\"--config "
                    + bestYaml + "\"\n" + ConfigLoader.toYaml(bestConfig));
            Path model = Path.of(b.runDir()).resolve("model.zip");
            Files.copy(model, dir.resolve("best-model.zip.tmp"), StandardCopyOption.REPLACE_EXISTING);
            Files.move(dir.resolve("best-model.zip.tmp"), dir.resolve("best-model.zip"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new AnomalyException("cannot write the best config/model into " + dir + ": " + e.getMessage(), e);
        }
        writeTables(dir, spec, sweepFile, rows, (System.nanoTime() - start) / 1e9, command);
        LOG.info("Sweep done: {} candidates, best {} = {} (candidate {})", rows.size(), spec.score(),
                String.format("%.4f", b.score()), b.index());
        return new Result(dir, List.copyOf(rows), b, bestYaml);
    }

    static void writeTables(Path dir, SweepSpec spec, Path sweepFile, List<SweepRow> rows, double seconds, String command) {
        List<SweepRow> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingInt(SweepRow::index));
        StringBuilder md = new StringBuilder("# Sweep ").append(dir.getFileName()).append("\n\n");
        md.append("Score: **").append(spec.score()).append("**, higher is better: AUROC on the validation split (held-out ")
                .append("training normals plus copies with synthetic defects). It does not depend on the loss weights or type, ")
                .append("and the test split is never used to choose.\n\n");
        md.append("Search: ").append(spec.search()).append(" over ").append(spec.space().keySet()).append(", at most ")
                .append(spec.maxCandidates()).append(" candidates and ").append(spec.maxMinutes()).append(" minutes; base ")
                .append(spec.base()).append(" with ").append(spec.fixed()).append(".\n\n");
        md.append("| # | overrides | score | time (s) | status |\n|---|---|---|---|---|\n");
        StringBuilder csv = new StringBuilder("index,overrides,score,seconds,status,run,error\n");
        for (SweepRow r : sorted) {
            md.append("| ").append(r.index()).append(" | `").append(String.join(" ", r.overrides())).append("` | ")
                    .append(r.score() == null ? "—" : String.format("%.4f", r.score())).append(" | ")
                    .append(String.format("%.0f", r.seconds())).append(" | ").append(r.status())
                    .append(r.error().isEmpty() ? "" : ": " + r.error().replace("|", "/").replace("\n", " ")).append(" |\n");
            csv.append(r.index()).append(",\"").append(String.join(" ", r.overrides()).replace("\"", "\"\"")).append("\",")
                    .append(r.score() == null ? "" : r.score()).append(',').append(String.format("%.1f", r.seconds())).append(',')
                    .append(r.status()).append(",\"").append(r.runDir()).append("\",\"").append(r.error().replace("\"", "\"\"")).append("\"\n");
        }
        md.append("\nWall time so far: ").append(String.format("%.0f", seconds)).append(" s\n\nCommand:\n\n```\n").append(command).append("\n```\n");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sweepFile", sweepFile.toString());
        json.put("score", spec.score());
        json.put("search", spec.search());
        json.put("maxCandidates", spec.maxCandidates());
        json.put("maxMinutes", spec.maxMinutes());
        json.put("base", spec.base().toString());
        json.put("fixed", spec.fixed());
        json.put("candidates", sorted);
        json.put("seconds", seconds);
        json.put("command", command);
        try {
            AtomicFiles.writeString(dir.resolve("table.md"), md.toString());
            AtomicFiles.writeString(dir.resolve("candidates.csv"), csv.toString());
            AtomicFiles.writeString(dir.resolve("sweep.json"), JSON.writeValueAsString(json));
        } catch (IOException e) {
            throw new AnomalyException("cannot write the sweep table into " + dir + ": " + e.getMessage(), e);
        }
    }

}
