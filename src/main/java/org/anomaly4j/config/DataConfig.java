package org.anomaly4j.config;

/**
 * Where the images come from and how they are sized.
 *
 * @param layout             {@code mvtec} (train/good, test/&lt;type&gt;, ground_truth/&lt;type&gt;),
 *                           {@code folders} (normal / abnormal / optional masks) or {@code synthetic}
 *                           (generated on the fly, for the demo)
 * @param root               dataset root (MVTec category folder, or base of the folders layout)
 * @param normalDir          folders layout: normal images, relative to root
 * @param abnormalDir        folders layout: abnormal images, relative to root
 * @param maskDir            folders layout: optional masks (same stem as the abnormal image)
 * @param testNormalFraction folders layout: share of normal images held out for the test split
 * @param imageSize          square side the images are resized to
 * @param validationFraction share of the training normals held out for validation
 * @param maxTrainImages     cap on training normals (0 = all); for quick runs
 * @param maxTestImages      cap on test images per defect type (0 = all); for quick runs
 * @param seed               seed of the validation split and of the synthetic generator
 */
public record DataConfig(
        String layout,
        String root,
        String normalDir,
        String abnormalDir,
        String maskDir,
        double testNormalFraction,
        int imageSize,
        double validationFraction,
        int maxTrainImages,
        int maxTestImages,
        long seed) {
}
