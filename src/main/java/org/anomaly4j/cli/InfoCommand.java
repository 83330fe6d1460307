package org.anomaly4j.cli;

import org.anomaly4j.config.ConfigLoader;
import org.anomaly4j.config.HfrConfig;
import org.anomaly4j.export.ExportMetadata;
import org.anomaly4j.pipeline.ModelMetadata;
import org.anomaly4j.pipeline.ModelStore;
import org.anomaly4j.scoring.Thresholds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(name = "Info", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"What a model.zip is, without loading its graph: encoder, taps and input, how it was trained (command, "
                + "data, versions, date), scoring settings, stored thresholds and the metrics measured at training. For a graph "
                + "written by Export: its input, outputs, preprocessing, scoring, thresholds and source model."})
public class InfoCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "ZIP", description = "model.zip written by Train.")
    Path model;

    @Option(names = "--verbose", description = "Print stack traces on errors.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (Files.isRegularFile(model) && ModelStore.isExport(model)) {
            return exported();
        }
        ModelMetadata m = ModelStore.metadata(model);
        HfrConfig c = ConfigLoader.fromYaml(m.configYaml(), model + "!" + ModelMetadata.ZIP_ENTRY);
        Map<String, Object> p = m.provenance();
        var out = spec.commandLine().getOut();
        out.printf("model: %s (%.1f MB, %s format %d)%n", model, Files.size(model) / 1e6, m.format(), m.formatVersion());
        out.printf("encoder: %s (%s%s), taps %s%n", m.encoder(), m.weightsSource(), m.pretrainedEncoder() ? "" : "; NOT pretrained",
                m.taps().stream().map(t -> t.name() + " " + t.channels() + "x" + t.height() + "x" + t.width()).collect(Collectors.joining(", ")));
        out.printf("input: %s, %d px square%s%s%s%s%n", m.inputName(), m.imageSize(),
                c.data().crop().isEmpty() ? "" : ", the region " + c.data().crop() + " of every image",
                c.data().tiles() > 1 ? ", each image in " + c.data().tiles() + " x " + c.data().tiles() + " tiles" : "",
                c.data().maxStretch() > 0 ? ", long images cut beyond " + c.data().maxStretch() + ":1" : "",
                c.data().sampleBits() > 0 ? ", " + c.data().sampleBits() + "-bit samples scaled" : "");
        out.printf("trained: %s, on %s, seed %s, anomaly4j %s, DL4J %s%n", p.getOrDefault("created", "?"), p.getOrDefault("dataset", "?"),
                p.getOrDefault("seed", "?"), p.getOrDefault("anomaly4j", "?"), p.getOrDefault("dl4j", "?"));
        out.printf("command: %s%n", p.getOrDefault("command", "?"));
        out.printf("training: %d epochs, batch %d, learning rate %s, loss %s; decoder depth %d, width %d, bottleneck %d%n",
                c.train().epochs(), c.train().batchSize(), c.train().learningRate(), c.train().loss(), c.model().decoder().depth(),
                c.model().decoder().width(), c.model().decoder().bottleneck());
        out.printf("scoring: %s distance, %s of the scales, sigma %s, image score %s%s, baseline %s%n", c.scoring().distance(),
                c.scoring().aggregation(), c.scoring().sigma(), c.scoring().scoreMode(),
                "topk".equals(c.scoring().scoreMode()) ? " (k = " + c.scoring().topK() + ")" : "", c.scoring().baseline());
        Thresholds t = m.thresholds();
        out.println(t == null ? "thresholds: none (trained without validation images: Predict gives scores, no labels)"
                : String.format("thresholds: image %s, pixel %s (%s)", t.image(), t.pixel(), t.source()));
        Map<String, Object> metrics = m.metrics();
        out.printf("measured at training on its test split: image AUROC %s, pixel AUROC %s, pixel AUPRO %s (%s images, %s anomalous)%n",
                fmt(metrics.get("image_AUROC")), fmt(metrics.get("pixel_AUROC")), fmt(metrics.get("pixel_AUPRO")),
                metrics.getOrDefault("test_images", "?"), metrics.getOrDefault("test_anomalous", "?"));
        out.flush();
        return 0;
    }

    private int exported() throws Exception {
        ExportMetadata e = new com.fasterxml.jackson.databind.ObjectMapper().readValue(
                org.deeplearning4j.util.ModelSerializer.<String>getObjectFromFile(model.toFile(), ExportMetadata.ZIP_ENTRY), ExportMetadata.class);
        var out = spec.commandLine().getOut();
        out.printf("exported scoring graph: %s (%.1f MB, %s format %d), needs DL4J only%n", model, Files.size(model) / 1e6, e.format(),
                e.formatVersion());
        out.printf("input: %s [N,3,%d,%d], preprocessing %s%n", e.inputName(), e.imageSize(), e.imageSize(), e.preprocessing());
        out.printf("outputs: %s%n", e.outputs());
        out.printf("scoring: %s%n", e.scoring());
        Thresholds t = e.thresholds();
        out.println(t == null ? "thresholds: none" : String.format("thresholds: image %s, pixel %s (%s); normalised score %s",
                t.image(), t.pixel(), t.source(), e.normalization()));
        out.printf("exported: %s by %s, from %s%n", e.provenance().getOrDefault("exported", "?"), e.provenance().getOrDefault("exportedBy", "?"),
                e.provenance().getOrDefault("sourceModel", "?"));
        out.flush();
        return 0;
    }

    private static String fmt(Object v) {
        return v instanceof Number n ? String.format("%.4f", n.doubleValue()) : "n/a";
    }
}
