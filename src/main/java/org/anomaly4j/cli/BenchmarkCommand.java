package org.anomaly4j.cli;

import org.anomaly4j.AnomalyException;
import org.anomaly4j.pipeline.MvtecBenchmark;
import org.anomaly4j.pipeline.OneClassBenchmark;
import org.anomaly4j.pipeline.TrainingSizeBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

@Command(name = "Benchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmark suites.",
                "'one-class': the paper's one-class protocol on mnist, fashion-mnist or cifar10, one Train run per normal "
                        + "class; writes reports/benchmarks/one-class-<dataset>.md and .json.",
                "'mvtec': the MVTec AD protocol over every category under --root (a folder with train/good), one Train run "
                        + "each with hyperparams/mvtec-ad.yaml (or --config); writes reports/benchmarks/mvtec-<root folder>.md and .json.",
                "'training-size': how many good images a line needs: one Train run per --sizes subset of the training normals "
                        + "of --config (trained for about the same number of steps), each compared with the largest on the validation "
                        + "split; writes reports/benchmarks/training-size-<config>.md and .json.",
                "'performance': encoder and scoring throughput, epoch time with/without the feature cache and peak memory "
                        + "per encoder, against PyTorch when present; writes reports/benchmarks/performance.md and .json."})
public class BenchmarkCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SUITE", description = "one-class, mvtec, training-size or performance")
    String suite;

    @Option(names = "--encoders", split = ",", paramLabel = "E", defaultValue = "squeezenet,resnet50,vgg16",
            description = "performance: encoders to measure (default: ${DEFAULT-VALUE}).")
    List<String> encoders;

    @Option(names = "--size", defaultValue = "224", description = "performance: input size (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--batch", defaultValue = "8", description = "performance: batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--repeats", defaultValue = "5", description = "performance: timed runs per measurement, median reported (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--warmup", defaultValue = "30", description = "performance: untimed runs before each measurement, for"
            + " DL4J and PyTorch alike; DL4J reaches its steady speed only after the JVM has compiled its graph code (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--train-images", defaultValue = "32", description = "performance: synthetic images per training epoch (default: ${DEFAULT-VALUE}).")
    int trainImages;

    @Option(names = "--no-memory-probe", description = "performance: skip the resnet50 256 px batch 16 training-memory probe.")
    boolean noMemoryProbe;

    @Option(names = "--dataset", paramLabel = "NAME", description = "mnist, fashion-mnist or cifar10 (config: hyperparams/one-class-<NAME>.yaml).")
    String dataset = "fashion-mnist";

    @Option(names = "--classes", split = ",", paramLabel = "C", description = "Normal classes to run (default: all 10).")
    List<String> classes;

    @Option(names = "--root", paramLabel = "DIR", description = "mvtec: the folder that holds the categories (e.g. mvtec_anomaly_detection).")
    Path root;

    @Option(names = "--categories", split = ",", paramLabel = "C", description = "mvtec: categories to run (default: every folder under --root with train/good).")
    List<String> categories;

    @Option(names = "--sizes", split = ",", paramLabel = "N",
            description = "training-size: numbers of training normals, or 'all' (default: 50,100,200,all, leaving out those "
                    + "the training split does not hold).")
    List<String> sizes;

    @Option(names = "--resume", description = "one-class, mvtec, training-size: keep the classes, categories or sizes an earlier run "
            + "of the same suite finished (its table in <reports>/benchmarks/, made with the same config and --set) and run the others.")
    boolean resume;

    /** --config (default: hyperparams/one-class-<dataset>.yaml or hyperparams/mvtec-ad.yaml), --set, --reports, --verbose. */
    @Mixin
    CommonOptions common = new CommonOptions();

    @Spec
    CommandSpec spec;

    private final String[] rawArgs;

    public BenchmarkCommand(String... rawArgs) {
        this.rawArgs = rawArgs;
    }

    @Override
    public Integer call() {
        if ("performance".equals(suite)) {
            Path md = org.anomaly4j.perf.PerformanceBenchmark.run(new org.anomaly4j.perf.PerformanceBenchmark.Options(encoders, size,
                    batch, repeats, warmup, trainImages, !noMemoryProbe), common.reports, CommonOptions.commandLine("Benchmark", rawArgs));
            spec.commandLine().getOut().println("performance table: " + md);
            spec.commandLine().getOut().flush();
            return 0;
        }
        if ("mvtec".equals(suite)) {
            return mvtec();
        }
        if ("training-size".equals(suite)) {
            return trainingSize();
        }
        if (!"one-class".equals(suite)) {
            throw new AnomalyException("unknown benchmark suite '" + suite + "' (available: one-class, mvtec, training-size, performance)");
        }
        if (!List.of("mnist", "fashion-mnist", "cifar10").contains(dataset)) {
            throw new AnomalyException("--dataset: unknown dataset '" + dataset + "' (mnist, fashion-mnist, cifar10)");
        }
        Path cfg = common.config != null ? common.config : Path.of("hyperparams", "one-class-" + dataset + ".yaml");
        if (!Files.isRegularFile(cfg)) {
            throw new AnomalyException("config not found: " + cfg + " (give --config FILE)");
        }
        List<String> run = classes != null ? classes : IntStream.range(0, 10).mapToObj(String::valueOf).toList();
        var results = OneClassBenchmark.run(dataset, cfg, run, common.overrides, common.reports,
                CommonOptions.commandLine("Benchmark", rawArgs), resume);
        var out = spec.commandLine().getOut();
        results.forEach(r -> out.printf("class %s: image AUROC %.4f (%.0f s)%n", r.normalClass(), r.imageAuroc(), r.seconds()));
        out.printf("mean image AUROC %.4f -> %s%n", results.stream().mapToDouble(OneClassBenchmark.ClassResult::imageAuroc)
                .average().orElse(Double.NaN), common.reports.resolve("benchmarks").resolve("one-class-" + dataset + ".md"));
        out.flush();
        return 0;
    }

    private Integer mvtec() {
        if (root == null) {
            throw new AnomalyException("mvtec: give --root, the folder that holds the categories (e.g. --root /data/mvtec_anomaly_detection)");
        }
        Path cfg = common.config != null ? common.config : Path.of("hyperparams", "mvtec-ad.yaml");
        if (!Files.isRegularFile(cfg)) {
            throw new AnomalyException("config not found: " + cfg + " (give --config FILE)");
        }
        List<String> run = categories != null ? categories : MvtecBenchmark.categories(root);
        var r = MvtecBenchmark.run(root, run, cfg, common.overrides, common.reports, CommonOptions.commandLine("Benchmark", rawArgs), resume);
        var out = spec.commandLine().getOut();
        r.categories().forEach(c -> out.printf("%s: image AUROC %.4f, pixel AUROC %.4f, AUPRO %.4f (%.0f s)%n", c.category(),
                c.imageAuroc(), c.pixelAuroc(), c.pixelAupro(), c.seconds()));
        out.println("table: " + r.table() + ".md");
        out.flush();
        return 0;
    }

    private Integer trainingSize() {
        if (common.config == null) {
            throw new AnomalyException("training-size: give --config, the config of the line to measure (e.g. --config "
                    + "hyperparams/magnetic-tile.yaml)");
        }
        if (!Files.isRegularFile(common.config)) {
            throw new AnomalyException("config not found: " + common.config + " (give --config FILE)");
        }
        var r = TrainingSizeBenchmark.run(common.config, sizes, common.overrides, common.reports,
                CommonOptions.commandLine("Benchmark", rawArgs), resume);
        var out = spec.commandLine().getOut();
        for (TrainingSizeBenchmark.SizeResult s : r.sizes()) {
            var d = r.againstLargest().get(s.images());
            out.printf("%d images: validation image AUROC %.4f%s; test image AUROC %.4f, pixel AUROC %.4f (%.0f s)%n", s.images(),
                    s.validationImageAuroc(), d == null ? "" : String.format(" (%+.4f against the largest, %+.4f … %+.4f)",
                            d.difference(), d.lower(), d.upper()), s.testImageAuroc(), s.testPixelAuroc(), s.seconds());
        }
        out.println("table: " + r.table() + ".md");
        out.flush();
        return 0;
    }
}
