package org.anomaly4j.config;

import java.util.List;

/**
 * Where the images come from and how they are sized.
 *
 * @param layout             {@code mvtec} (train/good, test/&lt;type&gt;, ground_truth/&lt;type&gt;),
 *                           {@code folders} (normal / abnormal / optional masks), {@code one-class}
 *                           (a classification set, one class normal) or {@code synthetic} (the demo)
 * @param source             one-class layout: {@code idx}, {@code cifar10-binary} or {@code cifar10-folders}
 * @param normalClass        one-class layout: the normal class (index or folder name)
 * @param cacheDir           where binary sources are unpacked to PNG once (empty = the system temp folder)
 * @param download           one-class layout: {@code mnist}, {@code fashion-mnist} or {@code cifar10} fetches that
 *                           dataset's official files into {@code root} when they are missing (empty = never)
 * @param downloadUrl        a mirror tried before the official ones (empty = the official ones only)
 * @param root               dataset root (MVTec category folder, or base of the folders layout)
 * @param normalDir          folders layout: normal images, relative to root
 * @param abnormalDir        folders layout: abnormal images, relative to root
 * @param maskDir            folders layout: optional masks (same stem as the abnormal image)
 * @param testNormalFraction folders layout: share of normal images held out for the test split
 * @param imageSize          square side the images are resized to
 * @param sampleBits         images stored with more bits per sample than the camera fills (a 12-bit sensor in
 *                           16-bit files): the bits it fills, so samples are scaled to the full range before the
 *                           8-bit conversion (0 = as stored)
 * @param maxStretch         mvtec and folders layouts: an image whose long side is more than this many times
 *                           its short side is cut into round(long / short) equal pieces along the long side
 *                           (values below 1.5 act as 1.5: a cut must leave pieces closer to square),
 *                           each resized to the square input, so no image is stretched much more than another
 *                           (0 = off: every image is stretched to the square as is)
 * @param tiles              tiles per side: every image (or piece) is cut into a tiles x tiles grid, each tile
 *                           resized to the square input, for small defects in large images (1 = off)
 * @param crop               [x, y, width, height]: the region of every image the model sees, in the images' pixels
 *                           (fixture and background left out; maps, masks and regions stay in the whole image's
 *                           coordinates); empty = all of it
 * @param validationFraction share of the training normals held out for validation
 * @param validationDefects  mvtec and folders layouts: the synthetic defect kinds painted on the held-out
 *                           normals to make the labelled validation set ({@code scratch}, {@code spot},
 *                           {@code uneven}, off by default); one kind per copy, drawn evenly
 * @param validationCopies   mvtec and folders layouts: defective copies made of each held-out normal (1-16); more
 *                           copies narrow the validation AUROC's interval; the stored image threshold is fitted by
 *                           balanced F1, so it does not follow the number of copies
 * @param maxTrainImages     cap on training normals (0 = all); for quick runs
 * @param maxTestImages      cap on test images per defect type (0 = all); for quick runs
 * @param seed               seed of the validation split and of the synthetic generator
 */
public record DataConfig(
        String layout,
        String root,
        String source,
        String normalClass,
        String cacheDir,
        String download,
        String downloadUrl,
        String normalDir,
        String abnormalDir,
        String maskDir,
        double testNormalFraction,
        int imageSize,
        int sampleBits,
        double maxStretch,
        int tiles,
        List<Integer> crop,
        double validationFraction,
        List<String> validationDefects,
        int validationCopies,
        int maxTrainImages,
        int maxTestImages,
        long seed) {

    /** How every image becomes the model's inputs ({@code maxStretch}, {@code tiles}). */
    public org.anomaly4j.data.Cutting cutting() {
        return new org.anomaly4j.data.Cutting(maxStretch, tiles,
                crop == null || crop.size() != 4 ? null : new java.awt.Rectangle(crop.get(0), crop.get(1), crop.get(2), crop.get(3)));
    }

    /** The synthetic validation defect kinds {@code validationDefects} may name. */
    public static final List<String> VALIDATION_DEFECTS = List.of("scratch", "spot", "uneven");
}
