package org.anomaly4j.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a dataset folder that does not fit the configured layout looks like instead, for the error message: the usual
 * slips are data.root at the MVTec AD download's top folder (which holds the categories), at a category's
 * {@code train/good}, or at data of the other layout.
 */
final class LayoutGuess {
    private LayoutGuess() {
    }

    /** A hint that starts with "; " (empty when the folder looks like nothing known). */
    static String hint(Path root, String layout) {
        if (!Files.isDirectory(root)) {
            return "";
        }
        if (!"mvtec".equals(layout) && isMvtecCategory(root)) {
            return "; " + root + " looks like an MVTec AD category (it has train/good): --set data.layout=mvtec";
        }
        for (Path up = root.getParent(); up != null && up.getNameCount() >= root.getNameCount() - 2; up = up.getParent()) {
            if (isMvtecCategory(up)) {
                return "; " + root + " is inside the MVTec AD category " + up + ": --set data.root=" + up;
            }
        }
        List<String> categories = categories(root);
        if (!categories.isEmpty()) {
            return "; " + root + " holds MVTec AD categories (" + String.join(", ", categories.subList(0, Math.min(5, categories.size())))
                    + (categories.size() > 5 ? ", …" : "") + "): give one, e.g. --set data.root=" + root.resolve(categories.get(0))
                    + ", or run them all with Benchmark mvtec --root " + root;
        }
        if ("mvtec".equals(layout) && Files.isDirectory(root.resolve("normal"))) {
            return "; " + root + " has a normal/ folder, like the folders layout: --set data.layout=folders";
        }
        return "";
    }

    private static boolean isMvtecCategory(Path dir) {
        return Files.isDirectory(dir.resolve("train").resolve(ImageSample.GOOD));
    }

    private static List<String> categories(Path root) {
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(LayoutGuess::isMvtecCategory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
