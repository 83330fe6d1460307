package org.anomaly4j.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.anomaly4j.AnomalyException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sweep file ({@code hyperparams/sweeps/*.yaml}): the config the candidates start from, fixed
 * overrides (the small schedule), the search (random or grid), its bounds (candidates and minutes),
 * the score and the space: config keys with a list of values or a {@code {min, max[, log][, integer]}} range.
 */
public record SweepSpec(Path base, List<String> fixed, String search, int gridPoints, int maxCandidates,
                        double maxMinutes, long seed, String score, Map<String, Dimension> space) {

    public static final Set<String> SCORES = Set.of("validation-pixel-auroc", "validation-image-auroc");
    private static final Set<String> KEYS = Set.of("base", "set", "search", "gridPoints", "maxCandidates", "maxMinutes",
            "seed", "score", "space");

    /** One searched key: a list of values, or a numeric range. */
    public record Dimension(List<Object> values, double min, double max, boolean log, boolean integer) {
        boolean discrete() {
            return values != null;
        }
    }

    public static SweepSpec load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new AnomalyException("sweep file not found: " + file + " (see hyperparams/sweeps/)");
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new AnomalyException(file + ": not valid YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new AnomalyException(file + ": expected a mapping with base, set, search, maxCandidates, maxMinutes, space");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KEYS.contains(k)) {
                throw new AnomalyException(file + ": unknown key '" + k + "' (known: " + KEYS + ")");
            }
        }
        Path base = Path.of(text(root, "base", file, null));
        if (!base.isAbsolute() && !Files.exists(base)) {
            base = file.toAbsolutePath().getParent().resolve(base);
        }
        List<String> fixed = new ArrayList<>();
        if (root.has("set")) {
            root.get("set").forEach(n -> fixed.add(n.asText()));
        }
        String search = text(root, "search", file, "random");
        if (!search.equals("random") && !search.equals("grid")) {
            throw new AnomalyException(file + ": search: '" + search + "' is not random or grid");
        }
        int maxCandidates = root.path("maxCandidates").asInt(0);
        double maxMinutes = root.path("maxMinutes").asDouble(0);
        if (maxCandidates < 1 || !(maxMinutes > 0)) {
            throw new AnomalyException(file + ": maxCandidates (>= 1) and maxMinutes (> 0) are both required: a sweep is always bounded");
        }
        String score = text(root, "score", file, "validation-pixel-auroc");
        if (!SCORES.contains(score)) {
            throw new AnomalyException(file + ": score: '" + score + "' is not one of " + SCORES);
        }
        JsonNode space = root.get("space");
        if (space == null || !space.isObject() || space.isEmpty()) {
            throw new AnomalyException(file + ": space: at least one config key with a list of values or {min, max}");
        }
        Map<String, Dimension> dims = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = space.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            dims.put(e.getKey(), dimension(file, e.getKey(), e.getValue()));
        }
        return new SweepSpec(base, fixed, search, root.path("gridPoints").asInt(3), maxCandidates, maxMinutes,
                root.path("seed").asLong(1), score, dims);
    }

    private static Dimension dimension(Path file, String key, JsonNode n) {
        if (n.isArray()) {
            if (n.isEmpty()) {
                throw new AnomalyException(file + ": space." + key + ": empty list");
            }
            List<Object> values = new ArrayList<>();
            n.forEach(v -> values.add(v.isContainerNode() ? v.toString() : v.asText()));
            return new Dimension(values, 0, 0, false, false);
        }
        if (n.isObject() && n.has("min") && n.has("max")) {
            double min = n.get("min").asDouble();
            double max = n.get("max").asDouble();
            boolean log = n.path("log").asBoolean(false);
            if (!(max > min) || (log && min <= 0)) {
                throw new AnomalyException(file + ": space." + key + ": need min < max (and min > 0 with log: true)");
            }
            return new Dimension(null, min, max, log, n.path("integer").asBoolean(false));
        }
        throw new AnomalyException(file + ": space." + key + ": give a list of values or {min: .., max: ..}");
    }

    private static String text(JsonNode root, String key, Path file, String dflt) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            if (dflt == null) {
                throw new AnomalyException(file + ": '" + key + "' is required");
            }
            return dflt;
        }
        return n.asText();
    }
}
