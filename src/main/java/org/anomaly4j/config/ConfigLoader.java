package org.anomaly4j.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import org.anomaly4j.AnomalyException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Loads a config: built-in defaults, then a YAML file (or classpath resource), then {@code a.b=c}
 * overrides, bound strictly (unknown keys and wrong types are errors naming the key), then validated.
 */
public final class ConfigLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS);

    private ConfigLoader() {
    }

    /** Defaults merged with {@code file} (may be null) and the overrides, validated. */
    public static HfrConfig load(Path file, List<String> overrides) {
        ObjectNode tree = readResource("defaults.yaml");
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new AnomalyException("config file not found: " + file
                        + " (give an existing YAML file, e.g. hyperparams/magnetic-tile.yaml)");
            }
            merge(tree, readFile(file), "", file.toString());
        }
        applyOverrides(tree, overrides);
        return bindAndValidate(tree, file == null ? "defaults" : file.toString());
    }

    /** Defaults merged with a YAML resource on the classpath (the embedded demo). */
    public static HfrConfig loadResource(String resource, List<String> overrides) {
        ObjectNode tree = readResource("defaults.yaml");
        merge(tree, readResource(resource), "", resource);
        applyOverrides(tree, overrides);
        return bindAndValidate(tree, resource);
    }

    /** An already-resolved config with {@code a.b=c} overrides applied, validated again. */
    public static HfrConfig withOverrides(HfrConfig base, List<String> overrides, String source) {
        ObjectNode tree = YAML.valueToTree(base);
        applyOverrides(tree, overrides);
        return bindAndValidate(tree, source);
    }

    /** The resolved config as YAML, written into every run folder. */
    public static String toYaml(HfrConfig config) {
        try {
            return YAML.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses a config previously written by {@link #toYaml} (e.g. stored inside a model). */
    public static HfrConfig fromYaml(String yaml, String source) {
        ObjectNode tree = readResource("defaults.yaml");
        try {
            merge(tree, (ObjectNode) YAML.readTree(yaml), "", source);
        } catch (IOException e) {
            throw new AnomalyException(source + ": stored config is not valid YAML: " + e.getMessage(), e);
        }
        return bindAndValidate(tree, source);
    }

    private static HfrConfig bindAndValidate(ObjectNode tree, String source) {
        HfrConfig config;
        try {
            config = YAML.treeToValue(tree, HfrConfig.class);
        } catch (JsonMappingException e) {
            String key = e.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            String what = e.getOriginalMessage();
            if (what.startsWith("Unrecognized field")) {
                what = "unknown key (check the spelling; see README 'Config reference')";
            } else {
                what = "wrong type: " + what.split("\n")[0];
            }
            throw new AnomalyException(source + ": config key '" + key + "': " + what, e);
        } catch (JsonProcessingException e) {
            throw new AnomalyException(source + ": " + e.getOriginalMessage(), e);
        }
        List<String> problems = ConfigValidator.problems(config);
        if (!problems.isEmpty()) {
            throw new AnomalyException(source + ": invalid config:\n  - " + String.join("\n  - ", problems));
        }
        return config;
    }

    /** Every config key, dotted ({@code train.epochs}), from the built-in defaults. */
    public static List<String> keys() {
        List<String> out = new java.util.ArrayList<>();
        collectKeys(readResource("defaults.yaml"), "", out);
        return out;
    }

    private static void collectKeys(JsonNode node, String prefix, List<String> out) {
        node.fields().forEachRemaining(e -> {
            if (e.getValue() instanceof ObjectNode child) {
                collectKeys(child, prefix + e.getKey() + ".", out);
            } else {
                out.add(prefix + e.getKey());
            }
        });
    }

    private static ObjectNode readResource(String name) {
        try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + name);
            }
            return (ObjectNode) YAML.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read classpath resource " + name, e);
        }
    }

    private static ObjectNode readFile(Path file) {
        try {
            JsonNode node = YAML.readTree(file.toFile());
            if (node == null || node.isMissingNode() || node.isNull()) {
                return YAML.createObjectNode();
            }
            if (!node.isObject()) {
                throw new AnomalyException(file + ": a config must be a YAML mapping (data:, model:, train:, scoring:)");
            }
            return (ObjectNode) node;
        } catch (JsonProcessingException e) {
            throw new AnomalyException(file + ": YAML syntax error at line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ": "
                    + e.getOriginalMessage() + " (fix the file's indentation/syntax)", e);
        } catch (IOException e) {
            throw new AnomalyException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Deep merge; unknown keys are kept so that binding reports them with their full path. */
    private static void merge(ObjectNode target, ObjectNode source, String prefix, String origin) {
        Iterator<Map.Entry<String, JsonNode>> it = source.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode existing = target.get(e.getKey());
            if (existing instanceof ObjectNode existingObject && e.getValue() instanceof ObjectNode incoming) {
                merge(existingObject, incoming, prefix + e.getKey() + ".", origin);
            } else if (existing instanceof ObjectNode && !e.getValue().isObject()) {
                throw new AnomalyException(origin + ": config key '" + prefix + e.getKey()
                        + "' must be a mapping of sub-keys, not a single value");
            } else {
                target.set(e.getKey(), e.getValue());
            }
        }
    }

    private static void applyOverrides(ObjectNode tree, List<String> overrides) {
        if (overrides == null) {
            return;
        }
        for (String override : overrides) {
            int eq = override.indexOf('=');
            if (eq <= 0) {
                throw new AnomalyException("--set '" + override + "': expected key=value, e.g. --set train.epochs=5");
            }
            String[] path = override.substring(0, eq).trim().split("\\.");
            String raw = override.substring(eq + 1).trim();
            ObjectNode node = tree;
            for (int i = 0; i < path.length - 1; i++) {
                JsonNode child = node.get(path[i]);
                if (!(child instanceof ObjectNode)) {
                    throw new AnomalyException("--set '" + override + "': unknown config key '"
                            + String.join(".", java.util.Arrays.copyOf(path, i + 1)) + "'");
                }
                node = (ObjectNode) child;
            }
            String leaf = path[path.length - 1];
            if (!node.has(leaf)) {
                throw new AnomalyException("--set '" + override + "': unknown config key '"
                        + override.substring(0, eq).trim() + "' (see README 'Config reference')");
            }
            try {
                // Parse the value as YAML so numbers, booleans and [lists] get their natural types.
                JsonNode value = YAML.readTree(raw.isEmpty() ? "\"\"" : raw);
                node.set(leaf, value == null ? YAML.getNodeFactory().textNode(raw) : value);
            } catch (JsonProcessingException e) {
                node.put(leaf, raw);
            }
        }
        requireReadByTheLayout(tree, overrides);
    }

    /**
     * The synthetic layout (the demo: Train without --config) generates its images and reads no folder, so a data.root
     * given for it was ignored: the demo trained while the user believed their own images were used.
     */
    private static void requireReadByTheLayout(ObjectNode tree, List<String> overrides) {
        JsonNode layout = tree.path("data").path("layout");
        if (!"synthetic".equals(layout.asText())) {
            return;
        }
        for (String override : overrides) {
            if (override.substring(0, override.indexOf('=')).trim().equals("data.root")) {
                throw new AnomalyException("--set '" + override + "': the synthetic layout (the demo: Train without --config) "
                        + "generates its images and reads no folder; to train on yours give a config, e.g. --config "
                        + "hyperparams/mvtec-ad.yaml --set '" + override + "' (MVTec AD layout), or add --set data.layout=mvtec "
                        + "or folders");
            }
        }
    }
}
