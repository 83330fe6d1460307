package org.anomaly4j.data;

import org.anomaly4j.AnomalyException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The MVTec AD layout of one category: {@code train/good}, {@code test/<type>} and, optionally,
 * {@code ground_truth/<type>/<stem>_mask.png} (or another image format). Without {@code ground_truth/} the set is image-level only.
 * {@code test/good} alone is a set of good images only (a new line with no defect images yet): it is evaluated by the false
 * positives at the stored threshold.
 */
public final class MvtecLayout {
    private MvtecLayout() {
    }

    public static DatasetSplits scan(Path root, double validationFraction, long seed, int maxTrain, int maxTestPerType) {
        if (!Files.isDirectory(root)) {
            throw new AnomalyException("dataset folder not found: " + root.toAbsolutePath()
                    + " (set data.root, or --set data.root=/path/to/category; expected train/good and test/<type> inside)");
        }
        Path trainGood = root.resolve("train").resolve(ImageSample.GOOD);
        if (!Files.isDirectory(trainGood)) {
            throw new AnomalyException("missing folder " + trainGood
                    + " (an MVTec AD category needs train/good with defect-free images" + LayoutGuess.hint(root, "mvtec") + ")");
        }
        List<Path> goodFiles = ImageFiles.list(trainGood);
        if (goodFiles.isEmpty()) {
            throw new AnomalyException("no images in " + trainGood + " (put defect-free images there: " + ImageFiles.FORMATS + ")");
        }
        List<ImageSample> normals = goodFiles.stream().map(p -> new ImageSample(p, ImageSample.GOOD, null)).toList();
        List<ImageSample>[] parts = ValidationSplit.split(normals, validationFraction, seed);
        List<ImageSample> train = parts[0];
        if (maxTrain > 0 && train.size() > maxTrain) {
            train = train.subList(0, maxTrain);
        }

        Path testDir = root.resolve("test");
        if (!Files.isDirectory(testDir)) {
            throw new AnomalyException("missing folder " + testDir + " (an MVTec AD category needs test/good, and test/<defect type> "
                    + "where there are defect images; with none yet, move some good images to test/good: the run then reports "
                    + "how many of them the stored threshold flags)");
        }
        Path gtDir = root.resolve("ground_truth");
        boolean hasMasks = Files.isDirectory(gtDir);
        List<ImageSample> test = new ArrayList<>();
        for (Path typeDir : subfolders(testDir)) {
            String type = typeDir.getFileName().toString();
            List<Path> files = ImageFiles.list(typeDir);
            if (files.isEmpty()) {
                throw new AnomalyException("no images in " + typeDir + " (remove the empty folder, or add its images)");
            }
            if (hasMasks && !ImageSample.GOOD.equals(type)) {
                requireImagesForMasks(gtDir.resolve(type), files);
            }
            if (maxTestPerType > 0 && files.size() > maxTestPerType) {
                files = ValidationSplit.shuffled(files, seed).subList(0, maxTestPerType).stream().sorted().toList();
            }
            for (Path image : files) {
                Path mask = null;
                if (hasMasks && !ImageSample.GOOD.equals(type)) {
                    mask = ImageFiles.maskFor(gtDir.resolve(type), ImageFiles.stem(image));
                    if (mask == null) {
                        throw new AnomalyException("missing mask for defect image " + image + ": expected "
                                + gtDir.resolve(type).resolve(ImageFiles.stem(image) + "_mask.png")
                                + " (or .tif, .bmp, ...; add the mask, or remove ground_truth/ to evaluate image-level only)");
                    }
                }
                test.add(new ImageSample(image, type, mask));
            }
        }
        if (test.stream().allMatch(ImageSample::anomalous)) {
            throw new AnomalyException("no images in " + testDir.resolve(ImageSample.GOOD) + " (the test split needs good images; "
                    + "put some defect-free images there that are not in train/good)");
        }
        return new DatasetSplits(train, parts[1], test, hasMasks, "MVTec AD layout at " + root);
    }

    /** A mask whose image is missing usually means a renamed or deleted image: say which. */
    private static void requireImagesForMasks(Path maskDir, List<Path> images) {
        if (!Files.isDirectory(maskDir)) {
            return;
        }
        java.util.Set<String> stems = new java.util.HashSet<>();
        images.forEach(i -> stems.add(ImageFiles.stem(i)));
        for (Path mask : ImageFiles.list(maskDir)) {
            String stem = ImageFiles.stem(mask);
            String imageStem = stem.endsWith("_mask") ? stem.substring(0, stem.length() - 5) : stem;
            if (!stems.contains(imageStem)) {
                throw new AnomalyException("mask " + mask + " has no image " + imageStem + ".* in "
                        + maskDir.getParent().getParent().resolve("test").resolve(maskDir.getFileName())
                        + " (restore the image or remove the mask)");
            }
        }
    }

    private static List<Path> subfolders(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new AnomalyException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
