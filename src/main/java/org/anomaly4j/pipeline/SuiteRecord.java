package org.anomaly4j.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import org.anomaly4j.AnomalyException;
import org.anomaly4j.config.ConfigLoader;
import org.anomaly4j.config.HfrConfig;
import org.anomaly4j.report.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the benchmark suites write: a Markdown table and its JSON twin, side by side, each file atomically, rewritten
 * after every class or category; and, for {@code --resume}, the rows an earlier run of the same suite finished, read
 * back from that JSON.
 */
final class SuiteRecord {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** The JSON key of the SHA-256 of the suite's resolved config (before the per-class or per-category key). */
    static final String CONFIG_SHA256 = "config_sha256";

    private SuiteRecord() {
    }

    /** The run settings every suite's JSON carries, added to {@code json}; {@code cfg}: the suite's config before the per-class or per-category key. */
    static void putSettings(Map<String, Object> json, HfrConfig cfg, double seconds, String command) {
        json.put(CONFIG_SHA256, configSha256(cfg));
        json.put("encoder", cfg.model().encoder());
        json.put("imageSize", cfg.data().imageSize());
        json.put("epochs", cfg.train().epochs());
        json.put("seed", cfg.train().seed());
        json.put("seconds", seconds);
        json.put("command", command);
    }

    /** Fingerprint of a suite's settings: equal for the same resolved config, whatever file and --set gave it. */
    static String configSha256(HfrConfig base) {
        return org.anomaly4j.Sha256.hex(ConfigLoader.toYaml(base).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * The rows ({@code rowType}) under {@code listKey} of the suite table {@code <stem>.json} in {@code dir}, for
     * {@code --resume}: refused when there is no table or it was made with another config.
     */
    static <T> List<T> finished(Path dir, String stem, String listKey, HfrConfig base, Class<T> rowType) {
        Path file = dir.resolve(stem + ".json");
        if (!Files.isRegularFile(file)) {
            throw new AnomalyException("--resume: no suite table " + file + " to continue (run the suite without --resume)");
        }
        try {
            JsonNode json = JSON.readTree(file.toFile());
            if (!json.has(CONFIG_SHA256)) {
                throw new AnomalyException("--resume: " + file + " was written before suite tables recorded their config, so it "
                        + "cannot be told whether it used the same settings; run the suite without --resume");
            }
            if (!configSha256(base).equals(json.path(CONFIG_SHA256).asText())) {
                throw new AnomalyException("--resume: " + file + " was made with another config (its resolved settings differ: "
                        + "another --config or --set); give the same ones, or run without --resume to start the suite again");
            }
            List<T> rows = new ArrayList<>();
            for (JsonNode row : json.path(listKey)) {
                rows.add(JSON.treeToValue(row, rowType));
            }
            return rows;
        } catch (IOException e) {
            throw new AnomalyException("--resume: " + file + " cannot be read (" + e.getMessage()
                    + "); run the suite without --resume to start again", e);
        }
    }

    /** {@code <stem>.md} and {@code <stem>.json} in {@code dir}. */
    static void write(Path dir, String stem, String markdown, Map<String, Object> json) {
        try {
            Files.createDirectories(dir);
            AtomicFiles.writeString(dir.resolve(stem + ".md"), markdown);
            AtomicFiles.writeString(dir.resolve(stem + ".json"), JSON.writeValueAsString(json));
        } catch (IOException e) {
            throw new AnomalyException("cannot write the benchmark table under " + dir + ": " + e.getMessage(), e);
        }
    }
}
