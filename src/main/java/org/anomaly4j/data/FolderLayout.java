package org.anomaly4j.data;

import org.anomaly4j.AnomalyException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain folders: one of normal images, one of abnormal images and an optional one of masks (a mask
 * shares its image's stem, with or without a {@code _mask} suffix). A seeded share of the normals
 * is held out as the test split's normal images. Without the abnormal folder the test split is those normals only (a new
 * line with no defect images yet), evaluated by the false positives at the stored threshold.
 */
public final class FolderLayout {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FolderLayout.class);

    private FolderLayout() {
    }

    public static DatasetSplits scan(Path root, String normalDir, String abnormalDir, String maskDir,
                                     double testNormalFraction, double validationFraction, long seed, int maxTrain) {
        Path normal = root.resolve(normalDir);
        Path abnormal = root.resolve(abnormalDir);
        if (!Files.isDirectory(normal)) {
            throw new AnomalyException("folder not found: " + normal + " (the folders layout reads data.normalDir '" + normalDir
                    + "' under data.root" + LayoutGuess.hint(root, "folders") + ")");
        }
        List<Path> normals = ImageFiles.list(normal);
        if (normals.isEmpty()) {
            throw new AnomalyException("no images in " + normal + " (put defect-free images there)");
        }
        List<ImageSample> all = normals.stream().map(p -> new ImageSample(p, ImageSample.GOOD, null)).toList();
        List<ImageSample>[] testVsRest = ValidationSplit.split(all, testNormalFraction, seed + 1);
        List<ImageSample>[] trainVsVal = ValidationSplit.split(testVsRest[0], validationFraction, seed);
        List<ImageSample> train = trainVsVal[0];
        if (maxTrain > 0 && train.size() > maxTrain) {
            train = train.subList(0, maxTrain);
        }
        boolean hasMasks = maskDir != null && !maskDir.isBlank();
        Path masks = hasMasks ? root.resolve(maskDir) : null;
        if (hasMasks && !Files.isDirectory(masks)) {
            throw new AnomalyException("mask folder not found: " + masks + " (fix data.maskDir or set it to \"\")");
        }
        List<ImageSample> test = new ArrayList<>(testVsRest[1]);
        Map<String, Path> maskByStem = hasMasks ? masksByImageStem(masks) : Map.of();
        if (!Files.isDirectory(abnormal)) {
            LOG.warn("No folder {} (data.abnormalDir): the test split holds the held-out normals only, so the run reports "
                    + "false positives at the stored threshold, not AUROC or F1", abnormal);
        }
        for (Path image : Files.isDirectory(abnormal) ? ImageFiles.list(abnormal) : List.<Path>of()) {
            Path mask = null;
            if (hasMasks) {
                String stem = ImageFiles.stem(image);
                mask = maskByStem.get(stem);
                if (mask == null) {
                    throw new AnomalyException("no mask for " + image + " in " + masks
                            + " (name it " + stem + "_mask.png, or set data.maskDir to \"\")");
                }
            }
            test.add(new ImageSample(image, "abnormal", mask));
        }
        if (test.stream().allMatch(ImageSample::anomalous)) {
            throw new AnomalyException("no normal images left for the test split: raise data.testNormalFraction or add images to " + normal);
        }
        return new DatasetSplits(train, trainVsVal[1], test, hasMasks, "folders at " + root);
    }

    /** Each mask under the stem of its image ({@code a.png} or {@code a_mask.png} for image {@code a}), listed once. */
    private static Map<String, Path> masksByImageStem(Path masks) {
        Map<String, Path> out = new HashMap<>();
        for (Path m : ImageFiles.list(masks)) {
            String stem = ImageFiles.stem(m);
            String image = stem.endsWith("_mask") ? stem.substring(0, stem.length() - "_mask".length()) : stem;
            Path other = out.putIfAbsent(image, m);
            if (other != null) {
                throw new AnomalyException("two masks for image " + image + ": " + other + " and " + m + " (keep one)");
            }
        }
        return out;
    }
}
