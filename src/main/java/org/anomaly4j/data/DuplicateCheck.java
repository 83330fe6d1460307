package org.anomaly4j.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds test images that are byte-for-byte copies of training images. A dataset put together by hand (a normal
 * copied into both {@code train/good} and {@code test/good}) leaks: the model has seen those images, and the test
 * figures come out better than they are. Only exact copies are found; the pieces of one image count once.
 */
public final class DuplicateCheck {
    private DuplicateCheck() {
    }

    /**
     * "test/a.png = train/b.png" for each test image whose file equals a training file. Files are compared by size
     * first and hashed only when a training file has the same size, so a large dataset is not read twice.
     */
    public static List<String> copies(List<ImageSample> train, List<ImageSample> test) {
        Map<Long, List<Path>> trainBySize = new HashMap<>();
        for (Path image : train.stream().map(ImageSample::image).distinct().toList()) {
            long size = size(image);
            if (size >= 0) {
                trainBySize.computeIfAbsent(size, k -> new ArrayList<>()).add(image);
            }
        }
        Map<Path, String> hashes = new HashMap<>();
        List<String> out = new ArrayList<>();
        Set<Path> checked = new HashSet<>();
        for (ImageSample s : test) {
            if (!checked.add(s.image())) {
                continue; // another piece of an image already checked
            }
            List<Path> sameSize = trainBySize.getOrDefault(size(s.image()), List.of());
            if (sameSize.isEmpty()) {
                continue;
            }
            String h = hashes.computeIfAbsent(s.image(), DuplicateCheck::hash);
            for (Path twin : sameSize) {
                if (h != null && h.equals(hashes.computeIfAbsent(twin, DuplicateCheck::hash))) {
                    out.add(s.image() + " = " + twin);
                    break;
                }
            }
        }
        return out;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1; // unreadable files are the screen's to report
        }
    }

    /** The warning over {@link #copies}, or "" when there are none. */
    public static String warning(List<String> copies) {
        if (copies.isEmpty()) {
            return "";
        }
        return copies.size() + " test images are byte-for-byte copies of training images (e.g. "
                + String.join(", ", copies.subList(0, Math.min(3, copies.size())))
                + "): the model has seen them, so the test figures are better than they should be; remove each from one of the splits";
    }

    private static String hash(Path file) {
        try {
            return org.anomaly4j.Sha256.hex(Files.readAllBytes(file));
        } catch (IOException e) {
            return null; // unreadable files are the screen's to report
        }
    }
}
