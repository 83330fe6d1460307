package org.anomaly4j.data;

import org.datavec.api.io.labels.ParentPathLabelGenerator;
import org.datavec.api.split.FileSplit;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.HashMap;

/**
 * A split of a class-folder dataset ({@code <split>/<class>/*.png|jpg|bmp}, e.g. CIFAR-10 as JPEG
 * folders or the unpacked IDX/CIFAR binaries) read the DataVec way: the files come from a
 * {@link FileSplit} filtered by image extension and each file's class from DataVec's
 * {@link ParentPathLabelGenerator} (the folder name). DataVec's {@code ImageRecordReader} is not
 * used because it needs the OpenCV native jars (over 100 MB per platform); the images are decoded
 * by {@link AnomalyImageRecordReader} as everywhere else in anomaly4j.
 */
public final class ClassFolders {
    private ClassFolders() {
    }

    /**
     * Image files per class (paths under {@code splitDir}, sorted), classes in {@code classOrder}
     * (the split's class folders); classes without images are left out.
     */
    public static Map<String, List<Path>> byClass(Path splitDir, List<String> classOrder) {
        Path base = splitDir.toAbsolutePath().normalize();
        FileSplit split = new FileSplit(base.toFile(), extensions(), true);
        ParentPathLabelGenerator labels = new ParentPathLabelGenerator();
        Map<String, List<Path>> found = new HashMap<>();
        for (URI uri : split.locations()) {
            Path p = Path.of(uri).toAbsolutePath().normalize();
            if (p.getNameCount() != base.getNameCount() + 2 || !p.startsWith(base)) {
                continue; // not <split>/<class>/<file>
            }
            found.computeIfAbsent(labels.getLabelForPath(uri).toString(), k -> new ArrayList<>())
                    .add(splitDir.resolve(base.relativize(p)));
        }
        Map<String, List<Path>> out = new LinkedHashMap<>();
        for (String c : classOrder) {
            List<Path> files = found.get(c);
            if (files != null) {
                out.put(c, files.stream().sorted().toList());
            }
        }
        return out;
    }

    private static String[] extensions() {
        List<String> e = new ArrayList<>();
        for (String x : ImageFiles.EXTENSIONS) {
            e.add(x);
            e.add(x.toUpperCase(java.util.Locale.ROOT));
        }
        return e.toArray(String[]::new);
    }
}
