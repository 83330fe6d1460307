package org.anomaly4j.model.encoder;

import org.anomaly4j.AnomalyException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds a weights file: an explicit path from the config, else the first of the expected file
 * names present in the weights folder ({@code zoo-weights/}). Downloading is the caller's last resort.
 */
public final class WeightResolver {
    private final String explicit;
    private final Path dir;

    public WeightResolver(String explicit, String dir) {
        this.explicit = explicit == null ? "" : explicit.trim();
        this.dir = Path.of(dir == null || dir.isBlank() ? "zoo-weights" : dir);
    }

    public Optional<Path> find(String... expectedNames) {
        if (!explicit.isEmpty()) {
            Path p = Path.of(explicit);
            if (!Files.isRegularFile(p)) {
                throw new AnomalyException("weights file not found: " + p.toAbsolutePath()
                        + " (fix model.weights, or leave it empty to use " + dir + "/)");
            }
            if (!Files.isReadable(p)) {
                throw new AnomalyException("weights file not readable: " + p + " (check its permissions)");
            }
            return Optional.of(p);
        }
        for (String name : expectedNames) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public Path dir() {
        return dir;
    }
}
