package org.anomaly4j.perf;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.anomaly4j.config.ConfigLoader;
import org.anomaly4j.config.HfrConfig;
import org.anomaly4j.data.AnomalyImageRecordReader;
import org.anomaly4j.data.DatasetSplits;
import org.anomaly4j.data.MvtecLayout;
import org.anomaly4j.data.SyntheticDefectGenerator;
import org.anomaly4j.model.HfrModel;
import org.anomaly4j.model.HfrModelBuilder;
import org.anomaly4j.model.InferencePath;
import org.anomaly4j.model.encoder.Encoder;
import org.anomaly4j.model.encoder.EncoderCatalogue;
import org.anomaly4j.report.RunDirectory;
import org.anomaly4j.scoring.AnomalyScorer;
import org.anomaly4j.train.DecoderTrainer;
import org.anomaly4j.train.TrainingHistory;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One encoder's measurements, run in a JVM of its own (so its peak resident memory is its own):
 * encoder forward and end-to-end scoring throughput (median of repeats after a warm-up), decoder
 * training seconds per epoch with and without the feature cache on synthetic images, and the
 * process's peak resident memory (VmHWM). Prints one JSON line prefixed {@value #PREFIX}.
 *
 * <pre>EncoderProbe ENCODER SIZE BATCH REPEATS WARMUP TRAIN_IMAGES [train|cached|notrain]</pre>
 * ({@code cached}: training with the feature cache only, as Train does by default: the memory probe).
 */
public final class EncoderProbe {
    public static final String PREFIX = "PROBE ";

    private EncoderProbe() {
    }

    public static void main(String[] a) throws Exception {
        String encoderName = a[0];
        int size = Integer.parseInt(a[1]);
        int batch = Integer.parseInt(a[2]);
        int repeats = Integer.parseInt(a[3]);
        int warmup = Integer.parseInt(a[4]);
        int trainImages = Integer.parseInt(a[5]);
        String mode = a.length < 7 ? "train" : a[6];
        boolean train = !mode.equals("notrain");
        Path tmp = Files.createTempDirectory("anomaly4j-probe");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("encoder", encoderName);
        out.put("size", size);
        out.put("batch", batch);
        HfrConfig cfg = ConfigLoader.load(null, List.of("model.encoder=" + encoderName, "model.allowUntrainedEncoder=true",
                "data.imageSize=" + size, "train.batchSize=" + batch, "train.epochs=1", "scoring.batchSize=" + batch));
        Encoder encoder = EncoderCatalogue.build(cfg.model(), size, 1);
        out.put("weights", encoder.weightsSource());
        out.put("oneDnnHelpers", org.anomaly4j.model.OneDnnHelpers.describe());
        HfrModel model = HfrModelBuilder.build(encoder, cfg.model(), cfg.train(), size);
        InferencePath path = new InferencePath(model, cfg.model(), cfg.train());
        out.put("channelsLast", path.channelsLast());
        out.put("directOps", path.directOps());
        Nd4j.getRandom().setSeed(1);
        INDArray rgb = Nd4j.rand(batch, 3, size, size);
        INDArray input = model.preprocessing().apply(rgb);
        out.put("encoderImagesPerSecond", batch / median(warmup, repeats, () -> closeAll(path.encode(input))));
        out.put("targetsImagesPerSecond", batch / median(warmup, repeats, () -> path.targets(input).values().forEach(INDArray::close)));
        AnomalyScorer scorer = new AnomalyScorer(model, path, cfg.scoring());
        out.put("scoringImagesPerSecond", batch / median(warmup, repeats, () -> scorer.score(rgb)));
        out.put("peakRssAfterInferenceMB", peakRssMb());
        if (train) {
            Path data = new SyntheticDefectGenerator(size, 3).write(tmp.resolve("data"), trainImages, 1, 1);
            DatasetSplits splits = MvtecLayout.scan(data, 0, 1, 0, 0);
            out.put("trainImages", splits.train().size());
            for (boolean cache : mode.equals("cached") ? new boolean[]{true} : new boolean[]{true, false}) {
                HfrConfig c = ConfigLoader.withOverrides(cfg, List.of("train.featureCache=" + cache,
                        "train.epochs=" + (cache ? 3 : 1)), "probe");
                HfrModel m = HfrModelBuilder.build(encoder, c.model(), c.train(), size);
                long t0 = System.nanoTime();
                TrainingHistory h = DecoderTrainer.train(m, c.model(), c.train(),
                        new AnomalyImageRecordReader(splits.train(), size), new AnomalyImageRecordReader(List.of(), size));
                double total = (System.nanoTime() - t0) / 1e9;
                double perEpoch = h.epochSeconds().stream().skip(cache ? 1 : 0).mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
                out.put(cache ? "epochSecondsCached" : "epochSecondsDirect", perEpoch);
                if (cache) {
                    out.put("cacheSeconds", total - h.epochSeconds().stream().mapToDouble(Double::doubleValue).sum());
                    out.put("cacheMB", h.cacheBytes() / (1 << 20));
                }
            }
        }
        out.put("peakRssMB", peakRssMb());
        RunDirectory.deleteTree(tmp); // the synthetic images; each probe used to leave 3.5 MB in /tmp
        System.out.println(PREFIX + new ObjectMapper().writeValueAsString(out));
        System.out.flush();
        System.exit(0);
    }

    private static void closeAll(INDArray[] arrays) {
        Arrays.stream(arrays).forEach(INDArray::close);
    }

    /** Median seconds of {@code repeats} timed runs after {@code warmup} untimed ones (at least one). */
    static double median(int warmup, int repeats, Runnable r) {
        for (int i = 0; i < Math.max(1, warmup); i++) {
            r.run();
        }
        double[] t = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            r.run();
            t[i] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(t);
        return t[repeats / 2];
    }

    /** Peak resident set size of this process (Linux /proc; -1 elsewhere). */
    static long peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (Exception ignored) {
            // not Linux
        }
        return -1;
    }
}
