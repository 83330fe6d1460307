package org.anomaly4j.predict;

import org.anomaly4j.AnomalyException;
import org.anomaly4j.data.ImageFiles;
import org.anomaly4j.data.ImageSample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What Predict scores: image files, folders (walked recursively, sorted) and list files ({@code @list.txt},
 * one path per line, # comments). Ground truth is read off an MVTec-style location when there is one:
 * {@code .../test/good/x.png} is normal; {@code .../test/<type>/x.png} is anomalous, with the mask
 * {@code .../ground_truth/<type>/x_mask.png} when it exists.
 */
public final class PredictInputs {
    /** Defect type of an image whose ground truth is not known. */
    public static final String UNKNOWN = "?";

    private PredictInputs() {
    }

    public static List<Path> expand(List<String> args) {
        Set<Path> out = new LinkedHashSet<>();
        for (String a : args) {
            if (a.startsWith("@")) {
                Path list = Path.of(a.substring(1));
                List<String> lines;
                try {
                    lines = Files.readAllLines(list);
                } catch (IOException e) {
                    throw new AnomalyException("cannot read list file " + list + ": " + e.getMessage()
                            + " (one image path per line)", e);
                }
                for (String line : lines) {
                    String l = line.strip();
                    if (!l.isEmpty() && !l.startsWith("#")) {
                        Path p = Path.of(l);
                        out.add(p.isAbsolute() ? p : list.toAbsolutePath().getParent().resolve(p).normalize());
                    }
                }
            } else {
                Path p = Path.of(a);
                if (Files.isDirectory(p)) {
                    out.addAll(walk(p));
                } else if (Files.exists(p)) {
                    out.add(p);
                } else {
                    throw new AnomalyException("no such image, folder or list: " + a + " (give image files, folders, or @list.txt)");
                }
            }
        }
        if (out.isEmpty()) {
            throw new AnomalyException("no images found in " + args + " (supported: " + ImageFiles.FORMATS + ")");
        }
        return new ArrayList<>(out);
    }

    private static List<Path> walk(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(ImageFiles::isImage).sorted().toList();
        } catch (IOException e) {
            throw new AnomalyException("cannot list " + dir + ": " + e.getMessage() + " (check permissions)", e);
        }
    }

    /** The image with its ground truth where its location tells it, else defect type {@link #UNKNOWN}. */
    public static ImageSample withGroundTruth(Path image) {
        Path abs = image.toAbsolutePath().normalize();
        Path typeDir = abs.getParent();
        Path split = typeDir == null ? null : typeDir.getParent();
        if (split == null || split.getFileName() == null || !split.getFileName().toString().equals("test")) {
            return new ImageSample(image, UNKNOWN, null);
        }
        String type = typeDir.getFileName().toString();
        if (type.equals(ImageSample.GOOD)) {
            return new ImageSample(image, type, null);
        }
        return new ImageSample(image, type, ImageFiles.maskFor(split.getParent().resolve("ground_truth").resolve(type), ImageFiles.stem(image)));
    }
}
