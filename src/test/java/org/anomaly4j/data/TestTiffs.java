package org.anomaly4j.data;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;

/** TIFF files for tests: compressed, multi-page, floating-point. */
public final class TestTiffs {
    private TestTiffs() {
    }

    public static void write(BufferedImage img, Path file, String compression) throws IOException {
        ImageWriter w = ImageIO.getImageWritersByFormatName("tiff").next();
        ImageWriteParam p = w.getDefaultWriteParam();
        p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        p.setCompressionType(compression);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            w.setOutput(out);
            w.write(null, new IIOImage(img, null, null), p);
        } finally {
            w.dispose();
        }
    }

    /** Two grey pages of side {@code size} in one file, as a camera writes a focus or lighting stack. */
    public static void multiPage(Path file, int size) throws IOException {
        BufferedImage page = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        ImageWriter w = ImageIO.getImageWritersByFormatName("tiff").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            w.setOutput(out);
            w.prepareWriteSequence(null);
            w.writeToSequence(new IIOImage(page, null, null), null);
            w.writeToSequence(new IIOImage(page, null, null), null);
            w.endWriteSequence();
        } finally {
            w.dispose();
        }
    }

    /** A 32-bit floating-point grey image (a depth map, say), one pixel at 0.25. */
    public static BufferedImage floatImage(int size) {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_FLOAT);
        WritableRaster raster = cm.createCompatibleWritableRaster(size, size);
        raster.setSample(2, 2, 0, 0.25f);
        return new BufferedImage(cm, raster, false, null);
    }
}
