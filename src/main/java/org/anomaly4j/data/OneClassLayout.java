package org.anomaly4j.data;

import org.anomaly4j.AnomalyException;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The one-class novelty protocol of the paper's MNIST / Fashion-MNIST / CIFAR-10 tables: normal
 * class c; train on the training images of class c only (minus the seeded validation split); test
 * on the whole test split, anomalous = any other class. No masks (image-level only).
 * <p>Sources: {@code idx} (the four IDX files, gzip or plain, read with {@link IdxRecordReader}),
 * {@code cifar10-binary} (official batches, {@link CifarBinaryRecordReader}) and
 * {@code cifar10-folders} ({@code train/<class>/*}, {@code test/<class>/*}). Records of the binary
 * sources are written once as PNG files into a cache folder so that the rest of the pipeline reads
 * every dataset the same way.
 */
public final class OneClassLayout {
    private OneClassLayout() {
    }

    public static DatasetSplits scan(Path root, String source, String normalClass, Path cacheDir,
                                     double validationFraction, long seed, int maxTrain, int maxTest) {
        Path base = switch (source) {
            case "idx" -> materializeIdx(root, cacheDir);
            case "cifar10-binary" -> materializeCifar(root, cacheDir);
            case "cifar10-folders" -> root;
            default -> throw new AnomalyException("data.source: unknown one-class source '" + source
                    + "' (idx, cifar10-binary, cifar10-folders)");
        };
        List<String> classes = classFolders(base.resolve("train"));
        String normal = resolveClass(normalClass, classes, root);
        Map<String, List<Path>> trainByClass = ClassFolders.byClass(base.resolve("train"), classes);
        List<Path> trainFiles = trainByClass.getOrDefault(normal, List.of());
        if (trainFiles.isEmpty()) {
            throw new AnomalyException("no training images of class '" + normal + "' under " + base.resolve("train"));
        }
        List<ImageSample> normals = trainFiles.stream().map(p -> new ImageSample(p, ImageSample.GOOD, null)).toList();
        List<ImageSample>[] parts = ValidationSplit.split(normals, validationFraction, seed);
        List<ImageSample> train = parts[0];
        if (maxTrain > 0 && train.size() > maxTrain) {
            train = train.subList(0, maxTrain);
        }
        List<ImageSample> test = new ArrayList<>();
        for (Map.Entry<String, List<Path>> e : ClassFolders.byClass(base.resolve("test"), classFolders(base.resolve("test"))).entrySet()) {
            String c = e.getKey();
            List<Path> files = e.getValue();
            if (maxTest > 0 && files.size() > maxTest) {
                files = ValidationSplit.shuffled(files, seed).subList(0, maxTest).stream().sorted().toList();
            }
            for (Path p : files) {
                test.add(new ImageSample(p, c.equals(normal) ? ImageSample.GOOD : c, null));
            }
        }
        List<ImageSample> anomalies = otherClasses(trainByClass, normal, parts[1].size(), seed);
        return new DatasetSplits(train, parts[1], anomalies, test, false,
                "one-class protocol, normal class '" + normal + "' of " + root + " (" + source + ")");
    }

    /**
     * As many validation anomalies as there are validation normals, taken in turn from the other classes'
     * training images (seeded). Those images are never trained on (only class c is), and they are not the
     * test split, so settings can be chosen on real novelty without looking at the test split.
     */
    static List<ImageSample> otherClasses(Map<String, List<Path>> trainByClass, String normal, int count, long seed) {
        List<List<Path>> pools = new ArrayList<>();
        trainByClass.forEach((c, files) -> {
            if (!c.equals(normal) && !files.isEmpty()) {
                pools.add(ValidationSplit.shuffled(files, seed));
            }
        });
        List<ImageSample> picked = new ArrayList<>();
        for (int i = 0; picked.size() < count && !pools.isEmpty() && i < count * pools.size(); i++) {
            List<Path> pool = pools.get(i % pools.size());
            int k = i / pools.size();
            if (k < pool.size()) {
                Path p = pool.get(k);
                picked.add(new ImageSample(p, p.getParent().getFileName().toString(), null));
            }
        }
        return picked;
    }

    static String resolveClass(String normalClass, List<String> classes, Path root) {
        if (classes.contains(normalClass)) {
            return normalClass;
        }
        try {
            int i = Integer.parseInt(normalClass.trim());
            if (i >= 0 && i < classes.size()) {
                return classes.get(i);
            }
        } catch (NumberFormatException ignored) {
            // fall through to the error
        }
        throw new AnomalyException("data.normalClass: unknown class '" + normalClass + "' in " + root
                + " (use an index 0.." + (classes.size() - 1) + " or one of " + classes + ")");
    }

    /** Class folders in label order: numeric names numerically, else the CIFAR-10 order, else alphabetically. */
    static List<String> classFolders(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new AnomalyException("folder not found: " + dir + " (expected one sub-folder per class)");
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<String> names = s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
            if (names.stream().allMatch(n -> n.matches("\\d+"))) {
                return names.stream().sorted(java.util.Comparator.comparingInt(Integer::parseInt)).toList();
            }
            if (CifarBinaryRecordReader.CLASSES.containsAll(names)) {
                return CifarBinaryRecordReader.CLASSES.stream().filter(names::contains).toList();
            }
            return names;
        } catch (IOException e) {
            throw new AnomalyException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Path materializeIdx(Path root, Path cacheDir) {
        Path out = cacheDir.resolve("idx-" + Integer.toHexString(root.toAbsolutePath().normalize().toString().hashCode()));
        if (Files.exists(out.resolve("COMPLETE"))) {
            return out;
        }
        writeIdx(new IdxRecordReader(idxFile(root, "train-images-idx3-ubyte"), idxFile(root, "train-labels-idx1-ubyte")), out.resolve("train"));
        writeIdx(new IdxRecordReader(idxFile(root, "t10k-images-idx3-ubyte"), idxFile(root, "t10k-labels-idx1-ubyte")), out.resolve("test"));
        touch(out.resolve("COMPLETE"));
        return out;
    }

    private static Path idxFile(Path root, String stem) {
        for (String name : new String[]{stem + ".gz", stem, stem.replace("-idx", ".idx")}) {
            if (Files.isRegularFile(root.resolve(name))) {
                return root.resolve(name);
            }
        }
        throw new AnomalyException("IDX file not found: " + root.resolve(stem + ".gz") + " (or without .gz)");
    }

    private static void writeIdx(IdxRecordReader r, Path dir) {
        for (int i = 0; i < r.size(); i++) {
            BufferedImage img = new BufferedImage(r.cols(), r.rows(), BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < r.rows(); y++) {
                for (int x = 0; x < r.cols(); x++) {
                    img.getRaster().setSample(x, y, 0, r.pixel(i, y, x));
                }
            }
            write(img, dir.resolve(String.valueOf(r.label(i))).resolve(String.format("%05d.png", i)));
        }
    }

    private static Path materializeCifar(Path root, Path cacheDir) {
        Path out = cacheDir.resolve("cifar-" + Integer.toHexString(root.toAbsolutePath().normalize().toString().hashCode()));
        if (Files.exists(out.resolve("COMPLETE"))) {
            return out;
        }
        List<Path> train = new ArrayList<>();
        for (int b = 1; b <= 5; b++) {
            train.add(root.resolve("data_batch_" + b + ".bin"));
        }
        writeCifar(new CifarBinaryRecordReader(train), out.resolve("train"));
        writeCifar(new CifarBinaryRecordReader(List.of(root.resolve("test_batch.bin"))), out.resolve("test"));
        touch(out.resolve("COMPLETE"));
        return out;
    }

    private static void writeCifar(CifarBinaryRecordReader r, Path dir) {
        int side = CifarBinaryRecordReader.SIDE;
        for (int i = 0; i < r.size(); i++) {
            BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    img.setRGB(x, y, (r.value(i, 0, y, x) << 16) | (r.value(i, 1, y, x) << 8) | r.value(i, 2, y, x));
                }
            }
            write(img, dir.resolve(CifarBinaryRecordReader.CLASSES.get(r.label(i))).resolve(String.format("%05d.png", i)));
        }
    }

    private static void write(BufferedImage img, Path file) {
        try {
            Files.createDirectories(file.getParent());
            ImageIO.write(img, "png", file.toFile());
        } catch (IOException e) {
            throw new AnomalyException("cannot write the dataset cache file " + file + ": " + e.getMessage()
                    + " (check free disk space, or set data.cacheDir)", e);
        }
    }

    private static void touch(Path p) {
        try {
            Files.writeString(p, "complete\n");
        } catch (IOException e) {
            throw new AnomalyException("cannot write " + p + ": " + e.getMessage(), e);
        }
    }
}
