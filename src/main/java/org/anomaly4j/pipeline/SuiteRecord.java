package org.anomaly4j.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.anomaly4j.AnomalyException;
import org.anomaly4j.config.HfrConfig;
import org.anomaly4j.report.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** What the benchmark suites write: a Markdown table and its JSON twin, side by side, each file atomically. */
final class SuiteRecord {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SuiteRecord() {
    }

    /** The run settings every suite's JSON carries, added to {@code json}. */
    static void putSettings(Map<String, Object> json, HfrConfig cfg, double seconds, String command) {
        json.put("encoder", cfg.model().encoder());
        json.put("imageSize", cfg.data().imageSize());
        json.put("epochs", cfg.train().epochs());
        json.put("seed", cfg.train().seed());
        json.put("seconds", seconds);
        json.put("command", command);
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
