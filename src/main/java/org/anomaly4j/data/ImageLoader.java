package org.anomaly4j.data;

import org.anomaly4j.AnomalyException;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes images and masks and resizes them to the model's square input. Images become RGB
 * floats in [0, 1], channels first; grayscale is replicated to 3 channels. Masks become 0/1.
 */
public final class ImageLoader {
    private ImageLoader() {
    }

    /** Images above this many pixels are refused before decoding (a 100 MP RGB image alone takes 400 MB of heap). */
    public static final long MAX_PIXELS = 100_000_000L;
    /** Images with a side below this carry no usable texture. */
    public static final int MIN_SIDE = 8;

    public static BufferedImage read(Path file) {
        if (!Files.isReadable(file)) {
            throw new AnomalyException("cannot read image " + file + " (missing file or no read permission)");
        }
        int[] dims = dimensions(file);
        requireUsableSize(file, dims[0], dims[1]); // from the header, before decoding
        BufferedImage img;
        try {
            img = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new AnomalyException("corrupt or unreadable image " + file + ": " + e.getMessage()
                    + " (re-export it as PNG/JPEG, or remove it)", e);
        }
        if (img == null) {
            throw new AnomalyException("not a decodable image: " + file
                    + " (supported: " + ImageFiles.FORMATS + "; re-export it or remove it)");
        }
        requireIntegerSamples(img, file);
        return img;
    }

    /** RGB in [0, 1], CHW, resized to size x size. */
    public static float[] loadRgb(Path file, int size) {
        return rgbChw(resize(toRgb(read(file)), size, true), size);
    }

    /** The sample's image, or its piece, as RGB in [0, 1], CHW, resized to size x size. */
    public static float[] loadRgb(ImageSample sample, int size) {
        return loadRgb(sample, size, SampleDepth.AS_STORED);
    }

    /** Like {@link #loadRgb(ImageSample, int)}, samples first scaled from {@code sampleBits} ({@link SampleDepth}). */
    public static float[] loadRgb(ImageSample sample, int size, int sampleBits) {
        return pieceRgb(toRgb(SampleDepth.widen(read(sample.image()), sampleBits)), sample.piece(), size);
    }

    /** The pieces of one image, each like {@link #loadRgb(ImageSample, int, int)}, from a single decoding of the file. */
    public static List<float[]> loadRgbPieces(Path file, List<Piece> pieces, int size, int sampleBits) {
        return rgbInputs(read(file), pieces, size, file.toString(), sampleBits);
    }

    /** {@link #rgbInputs(BufferedImage, List, int, String, int)} with the samples as stored. */
    public static List<float[]> rgbInputs(BufferedImage img, List<Piece> pieces, int size, String name) {
        return rgbInputs(img, pieces, size, name, SampleDepth.AS_STORED);
    }

    /**
     * An image already in memory as model inputs, one per piece (a single null piece: the whole image), each like
     * {@link #loadRgb(ImageSample, int, int)}. {@code name} says which image in a message about its size.
     */
    public static List<float[]> rgbInputs(BufferedImage img, List<Piece> pieces, int size, String name, int sampleBits) {
        requireUsableSize(name, img.getWidth(), img.getHeight());
        requireIntegerSamples(img, name);
        BufferedImage rgb = toRgb(SampleDepth.widen(img, sampleBits));
        List<float[]> out = new ArrayList<>(pieces.size());
        for (Piece piece : pieces) {
            out.add(pieceRgb(rgb, piece, size));
        }
        return out;
    }

    private static void requireUsableSize(Object image, int width, int height) {
        if ((long) width * height > MAX_PIXELS) {
            throw new AnomalyException("image " + image + " is " + width + "x" + height + " px, above the "
                    + MAX_PIXELS / 1_000_000 + " MP limit (downscale it first; the model works at data.imageSize anyway)");
        }
        if (width < MIN_SIDE || height < MIN_SIDE) {
            throw new AnomalyException("image " + image + " is only " + width + "x" + height + " px (at least "
                    + MIN_SIDE + " px a side; remove it or replace it with the full image)");
        }
    }

    private static float[] pieceRgb(BufferedImage rgb, Piece piece, int size) {
        return rgbChw(resize(crop(rgb, piece), size, true), size);
    }

    /** The part of {@code img} a piece stands for (all of it for null). */
    static BufferedImage crop(BufferedImage img, Piece piece) {
        if (piece == null) {
            return img;
        }
        java.awt.Rectangle r = piece.bounds(img.getWidth(), img.getHeight());
        return img.getSubimage(r.x, r.y, r.width, r.height);
    }

    private static float[] rgbChw(BufferedImage resized, int size) {
        float[] chw = new float[3 * size * size];
        int plane = size * size;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int rgb = resized.getRGB(x, y);
                int i = y * size + x;
                chw[i] = ((rgb >> 16) & 0xff) / 255f;
                chw[plane + i] = ((rgb >> 8) & 0xff) / 255f;
                chw[2 * plane + i] = (rgb & 0xff) / 255f;
            }
        }
        return chw;
    }

    /**
     * Binary mask resized (nearest) to size x size. The mask must have its image's dimensions,
     * else the pixel labels would not line up.
     */
    public static float[] loadMask(Path mask, Path image, int size) {
        return loadMask(mask, image, null, size);
    }

    /** The sample's mask, or its piece's part of it, like {@link #loadMask(Path, Path, int)}. */
    public static float[] loadMask(ImageSample sample, int size) {
        return loadMask(sample.mask(), sample.image(), sample.piece(), size);
    }

    private static float[] loadMask(Path mask, Path image, Piece piece, int size) {
        BufferedImage m = read(mask);
        int[] img = dimensions(image); // header only: the image itself is decoded by loadRgb
        if (m.getWidth() != img[0] || m.getHeight() != img[1]) {
            throw new AnomalyException("mask " + mask + " is " + m.getWidth() + "x" + m.getHeight()
                    + " but its image " + image + " is " + img[0] + "x" + img[1]
                    + " (a mask must have its image's size)");
        }
        BufferedImage gray = new BufferedImage(m.getWidth(), m.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = gray.createGraphics();
        g.drawImage(m, 0, 0, null);
        g.dispose();
        requireBinary(gray, mask);
        BufferedImage resized = resize(crop(gray, piece), size, false);
        float[] out = new float[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                out[y * size + x] = (resized.getRaster().getSample(x, y, 0) > 127) ? 1f : 0f;
            }
        }
        return out;
    }

    /**
     * A mask must be black (normal) and white (defect). A few grey pixels are tolerated (anti-aliased
     * edges); more mean a heat map, a JPEG-compressed or a wrong file.
     */
    static void requireBinary(BufferedImage gray, Path mask) {
        long grey = 0;
        var raster = gray.getRaster();
        for (int y = 0; y < gray.getHeight(); y++) {
            for (int x = 0; x < gray.getWidth(); x++) {
                int v = raster.getSample(x, y, 0);
                if (v > 16 && v < 239) {
                    grey++;
                }
            }
        }
        double fraction = (double) grey / ((long) gray.getWidth() * gray.getHeight());
        if (fraction > 0.01) {
            throw new AnomalyException("mask " + mask + " is not binary: " + String.format("%.1f", 100 * fraction)
                    + " % of its pixels are grey (save it as a PNG with 0 = normal and 255 = defect)");
        }
    }

    /** Width and height from the file's header, without decoding the pixels. */
    public static int[] dimensions(Path file) {
        try (javax.imageio.stream.ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            java.util.Iterator<javax.imageio.ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new AnomalyException("not a decodable image: " + file + " (supported: " + ImageFiles.FORMATS + ")");
            }
            javax.imageio.ImageReader r = readers.next();
            try {
                r.setInput(in);
                requireSinglePage(r, file);
                return new int[]{r.getWidth(0), r.getHeight(0)};
            } finally {
                r.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof AnomalyException a) {
                throw a;
            }
            throw new AnomalyException("corrupt or unreadable image " + file + ": " + e.getMessage()
                    + " (re-export it as PNG/JPEG, or remove it)", e);
        }
    }

    /**
     * A multi-page TIFF (a focus or lighting stack, several parts) would silently be read as its first page:
     * refused instead. Only TIFF is asked: counting another format's images can mean reading the whole file.
     */
    private static void requireSinglePage(javax.imageio.ImageReader r, Path file) throws IOException {
        if (!"tif".equalsIgnoreCase(r.getFormatName())) {
            return;
        }
        int pages = r.getNumImages(true);
        if (pages > 1) {
            throw new AnomalyException("image " + file + " is a TIFF of " + pages + " pages; anomaly4j reads one image per file "
                    + "(save each page as a file of its own, or remove it)");
        }
    }

    /**
     * Floating-point samples (depth maps, HDR, scientific TIFFs) have no agreed range, and Java would convert them
     * through a linear grey colour space (0.25 becomes 137 of 255): refused rather than guessed.
     */
    private static void requireIntegerSamples(BufferedImage img, Object file) {
        int type = img.getRaster().getDataBuffer().getDataType();
        if (type == java.awt.image.DataBuffer.TYPE_FLOAT || type == java.awt.image.DataBuffer.TYPE_DOUBLE) {
            throw new AnomalyException("image " + file + " has floating-point samples; anomaly4j reads 8- or 16-bit images "
                    + "(convert it to an 8- or 16-bit PNG or TIFF, or remove it)");
        }
    }

    static BufferedImage toRgb(BufferedImage src) {
        if (src.getType() == BufferedImage.TYPE_INT_RGB) {
            return src;
        }
        BufferedImage rgb = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.drawImage(src, 0, 0, null);
        g.dispose();
        return rgb;
    }

    /** Bilinear (halving first for strong downscales, to avoid aliasing) or nearest for masks. */
    static BufferedImage resize(BufferedImage src, int size, boolean smooth) {
        BufferedImage cur = src;
        if (smooth) {
            while (cur.getWidth() >= 2 * size && cur.getHeight() >= 2 * size) {
                cur = draw(cur, cur.getWidth() / 2, cur.getHeight() / 2, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            }
        }
        if (cur.getWidth() == size && cur.getHeight() == size) {
            return cur;
        }
        return draw(cur, size, size, smooth ? RenderingHints.VALUE_INTERPOLATION_BILINEAR
                : RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
    }

    private static BufferedImage draw(BufferedImage src, int w, int h, Object interpolation) {
        BufferedImage out = new BufferedImage(w, h, src.getType() == BufferedImage.TYPE_BYTE_GRAY
                ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, interpolation);
        g.drawImage(src, 0, 0, w, h, null);
        g.dispose();
        return out;
    }
}
