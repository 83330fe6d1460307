package org.anomaly4j.perf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.anomaly4j.AnomalyException;
import org.anomaly4j.report.AtomicFiles;
import org.anomaly4j.Versions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code Benchmark performance}: every encoder measured by an {@link EncoderProbe} in a JVM of its
 * own, the same forward passes in PyTorch (when a Python with torch and torchvision is present) with
 * the same thread count, and the training-memory probe (resnet50, 256 px, batch 16). Writes
 * {@code reports/benchmarks/performance.md|json} with the machine, versions and command.
 */
public final class PerformanceBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(PerformanceBenchmark.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PerformanceBenchmark() {
    }

    public record Options(List<String> encoders, int size, int batch, int repeats, int warmup, int trainImages, boolean memoryProbe) {
    }

    public static Path run(Options o, Path reports, String command) {
        long start = System.nanoTime();
        int threads = Runtime.getRuntime().availableProcessors();
        // PyTorch is timed before and after the DL4J probes and the faster run counts, so that a slow
        // moment of the machine cannot tilt the ratio towards DL4J.
        Map<String, Map<String, Object>> torchBefore = torch(o, threads);
        List<Map<String, Object>> dl4j = new ArrayList<>();
        for (String e : o.encoders()) {
            LOG.info("Probing {} at {} px, batch {} (separate JVM)", e, o.size(), o.batch());
            dl4j.add(probe(List.of(e, "" + o.size(), "" + o.batch(), "" + o.repeats(), "" + o.warmup(), "" + o.trainImages(), "train")));
        }
        Map<String, Object> memory = null;
        if (o.memoryProbe()) {
            LOG.info("Training-memory probe: resnet50, 256 px, batch 16");
            memory = probe(List.of("resnet50", "256", "16", "1", "1", "32", "cached"));
        }
        Map<String, Map<String, Object>> torchAfter = torch(o, threads);
        Map<String, Map<String, Object>> torch = faster(torchBefore, torchAfter);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("machine", machine(threads));
        json.put("dl4j", Versions.DL4J);
        json.put("java", System.getProperty("java.version"));
        json.put("encoders", dl4j);
        json.put("pytorch", torch);
        json.put("pytorchBeforeProbes", torchBefore);
        json.put("pytorchAfterProbes", torchAfter);
        json.put("trainingMemoryProbe", memory);
        json.put("seconds", (System.nanoTime() - start) / 1e9);
        json.put("command", command);
        Path dir = reports.resolve("benchmarks");
        try {
            Files.createDirectories(dir);
            AtomicFiles.writeString(dir.resolve("performance.json"), JSON.writeValueAsString(json));
            AtomicFiles.writeString(dir.resolve("performance.md"), markdown(o, dl4j, torch, memory, json, threads));
        } catch (IOException e) {
            throw new AnomalyException("cannot write " + dir + "/performance.*: " + e.getMessage(), e);
        }
        return dir.resolve("performance.md");
    }

    static String markdown(Options o, List<Map<String, Object>> dl4j, Map<String, Map<String, Object>> torch,
                           Map<String, Object> memory, Map<String, Object> json, int threads) {
        StringBuilder md = new StringBuilder("# Performance\n\n");
        md.append("Machine: ").append(json.get("machine")).append("; DL4J/ND4J ").append(Versions.DL4J).append(" (CPU backend), Java ")
                .append(json.get("java")).append(". Input ").append(o.size()).append(" px, batch ").append(o.batch())
                .append(", median of ").append(o.repeats()).append(" runs after ").append(o.warmup())
                .append(" untimed warm-up runs (the same for PyTorch); untrained weights where none are")
                .append(" installed (speed does not depend on them). Each encoder ran in a JVM of its own.");
        if (!dl4j.isEmpty()) {
            md.append(" DL4J oneDNN layer helpers: ").append(dl4j.get(0).get("oneDnnHelpers")).append("; encoder activations: ")
                    .append(dl4j.stream().map(r -> r.get("encoder") + " "
                            + (Boolean.TRUE.equals(r.get("channelsLast")) ? "channels-last (NHWC)" : "NCHW"))
                            .collect(Collectors.joining(", "))).append('.');
            md.append(" Encoder vertices run as direct ND4J ops (bypassing DL4J's layer code, `DirectNhwcForward`): ")
                    .append(dl4j.stream().map(r -> r.get("encoder") + " " + r.get("directOps"))
                            .collect(Collectors.joining("; "))).append('.');
        }
        md.append("\n\n");
        md.append("| encoder | DL4J encoder img/s | PyTorch encoder img/s | DL4J / PyTorch | targets img/s (+ tap normalisation) | scoring img/s (image → map + score) | epoch s, cache | epoch s, no cache | speed-up | cache build s | peak RSS MB |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Map<String, Object> r : dl4j) {
            String e = (String) r.get("encoder");
            double d = num(r.get("encoderImagesPerSecond"));
            Map<String, Object> t = torch.get(e);
            double p = t == null ? Double.NaN : num(t.get("imagesPerSecond"));
            double c = num(r.get("epochSecondsCached"));
            double n = num(r.get("epochSecondsDirect"));
            md.append("| ").append(e).append(" | ").append(f(d)).append(" | ").append(t == null ? "not run" : f(p)).append(" | ")
                    .append(t == null ? "—" : String.format("%.2f×", d / p)).append(" | ").append(f(num(r.get("targetsImagesPerSecond"))))
                    .append(" | ").append(f(num(r.get("scoringImagesPerSecond"))))
                    .append(" | ").append(f(c)).append(" | ").append(f(n)).append(" | ").append(String.format("%.1f×", n / c))
                    .append(" | ").append(f(num(r.get("cacheSeconds")))).append(" | ").append(r.get("peakRssMB")).append(" |\n");
        }
        md.append("\nEncoder = the frozen encoder's forward pass, a preprocessed NCHW batch to its raw taps as NCHW arrays")
                .append(" (layout conversions included), as the PyTorch script times it; targets = the same plus the per-pixel")
                .append(" L2 normalisation of the taps (the decoder's reconstruction targets).\n\n");
        md.append("Epoch times are for ").append(o.trainImages()).append(" synthetic training images (no validation); ")
                .append("\"cache\" = decoder trained on cached encoder taps (mean of epochs 2-3), \"no cache\" = the full graph ")
                .append("(frozen encoder included) fitted on images. PyTorch: ")
                .append(torch.isEmpty() ? "**not run** (no python3 with torch and torchvision; Debian: `apt-get install python3-torch python3-torchvision`, or set ANOMALY4J_PYTHON)"
                        : "torchvision's networks cut at the same taps, " + threads + " threads, torch " + torch.values().iterator().next().get("torch")
                        + "; timed before and after the DL4J probes, the faster run counts (" + torch.entrySet().stream()
                        .map(t -> t.getKey() + " " + ((List<?>) t.getValue().get("imagesPerSecondRuns")).stream()
                                .map(v -> f(num(v))).collect(Collectors.joining(" / ")))
                        .collect(Collectors.joining(", ")) + " images/s)")
                .append(".\n\n");
        if (memory != null) {
            md.append("Training memory probe (resnet50, 256 px, batch 16, ").append(memory.get("trainImages"))
                    .append(" images, feature cache on): peak resident memory **").append(memory.get("peakRssMB")).append(" MB**.\n\n");
        }
        md.append("Command:\n\n```\n").append(json.get("command")).append("\n```\n");
        return md.toString();
    }

    static Map<String, Object> probe(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx3g", "-Dorg.bytedeco.javacpp.maxbytes=8G", "-Dorg.bytedeco.javacpp.maxphysicalbytes=12G",
                "-cp", classpath(), EncoderProbe.class.getName()));
        cmd.addAll(args);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            StringBuilder log = new StringBuilder();
            Map<String, Object> result = null;
            try (var r = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith(EncoderProbe.PREFIX)) {
                        result = JSON.readValue(line.substring(EncoderProbe.PREFIX.length()), Map.class);
                    } else {
                        log.append(line).append('\n');
                    }
                }
            }
            p.waitFor(1, TimeUnit.HOURS);
            if (result == null) {
                throw new AnomalyException("the probe " + args + " failed (exit " + p.exitValue() + "):\n" + tail(log.toString()));
            }
            LOG.info("{}", result);
            return result;
        } catch (IOException | InterruptedException e) {
            throw new AnomalyException("cannot run the probe " + args + ": " + e.getMessage(), e);
        }
    }

    /** Per encoder, the PyTorch run with more images/s (with both runs' figures in "imagesPerSecondRuns"). */
    static Map<String, Map<String, Object>> faster(Map<String, Map<String, Object>> a, Map<String, Map<String, Object>> b) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (String e : a.keySet().isEmpty() ? b.keySet() : a.keySet()) {
            Map<String, Object> x = a.get(e);
            Map<String, Object> y = b.get(e);
            Map<String, Object> best = new LinkedHashMap<>(x == null || (y != null
                    && num(y.get("imagesPerSecond")) > num(x.get("imagesPerSecond"))) ? y : x);
            best.put("imagesPerSecondRuns", Stream.of(x, y).filter(Objects::nonNull)
                    .map(r -> r.get("imagesPerSecond")).toList());
            out.put(e, best);
        }
        return out;
    }

    /** PyTorch images/s by encoder; empty when no python3 with torch and torchvision is found. */
    static Map<String, Map<String, Object>> torch(Options o, int threads) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        try {
            String python = pythonWithTorch();
            if (python == null) {
                LOG.warn("PyTorch comparison not run: no python3 with torch and torchvision (tried $ANOMALY4J_PYTHON, python3, /usr/bin/python3)");
                return out;
            }
            Path script = Files.createTempFile("torch_forward", ".py");
            try (InputStream in = PerformanceBenchmark.class.getResourceAsStream("/perf/torch_forward.py")) {
                Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
            }
            LOG.info("PyTorch forward passes ({} threads)", threads);
            Process p = new ProcessBuilder(python, script.toString(), String.join(",", o.encoders()), "" + o.size(), "" + o.batch(),
                    "" + o.repeats(), "" + threads, "" + o.warmup()).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes());
            p.waitFor(1, TimeUnit.HOURS);
            for (String line : text.split("\n")) {
                if (line.startsWith("{")) {
                    Map<String, Object> m = JSON.readValue(line, Map.class);
                    out.put((String) m.get("encoder"), m);
                }
            }
            if (out.isEmpty()) {
                LOG.warn("PyTorch script printed no result:\n{}", tail(text));
            }
        } catch (IOException | InterruptedException e) {
            LOG.warn("PyTorch comparison not run: {}", e.toString());
        }
        return out;
    }

    /** The first of $ANOMALY4J_PYTHON, python3, /usr/bin/python3 that imports torch and torchvision (Debian's packages go to the system Python). */
    static String pythonWithTorch() throws InterruptedException {
        List<String> candidates = new ArrayList<>();
        if (System.getenv("ANOMALY4J_PYTHON") != null) {
            candidates.add(System.getenv("ANOMALY4J_PYTHON"));
        }
        candidates.addAll(List.of("python3", "/usr/bin/python3"));
        for (String python : candidates) {
            try {
                Process check = new ProcessBuilder(python, "-c", "import torch, torchvision").redirectErrorStream(true).start();
                check.getInputStream().readAllBytes();
                if (check.waitFor(120, TimeUnit.SECONDS) && check.exitValue() == 0) {
                    return python;
                }
            } catch (IOException notThere) {
                // try the next
            }
        }
        return null;
    }

    /** The project classpath, also under exec:java (whose JVM classpath is Maven's own). */
    static String classpath() {
        List<String> entries = new ArrayList<>();
        ClassLoader cl = PerformanceBenchmark.class.getClassLoader();
        if (cl instanceof URLClassLoader u) {
            for (URL url : u.getURLs()) {
                try {
                    entries.add(Path.of(url.toURI()).toString());
                } catch (Exception ignored) {
                    // not a file URL
                }
            }
        }
        return entries.isEmpty() ? System.getProperty("java.class.path") : String.join(File.pathSeparator, entries);
    }

    static String machine(int threads) {
        String cpu = "unknown CPU";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException ignored) {
            // not Linux
        }
        long memMb = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize() / (1 << 20);
        return cpu + ", " + threads + " cores, " + memMb / 1024 + " GiB";
    }

    private static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static String f(double v) {
        return Double.isFinite(v) ? String.format(v >= 100 ? "%.0f" : "%.2f", v) : "—";
    }

    private static String tail(String s) {
        return s.length() > 3000 ? s.substring(s.length() - 3000) : s;
    }

}
