package org.anomaly4j.data;

import org.junit.jupiter.api.Test;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;

import static org.assertj.core.api.Assertions.assertThat;

class SampleDepthTest {

    @Test
    void twelveBitSamplesFillTheSixteenBitRange() {
        BufferedImage g = new BufferedImage(3, 1, BufferedImage.TYPE_USHORT_GRAY);
        g.getRaster().setSample(0, 0, 0, 4095);
        g.getRaster().setSample(1, 0, 0, 100);
        g.getRaster().setSample(2, 0, 0, 5000); // more than 12 bits: saturates
        BufferedImage w = SampleDepth.widen(g, 12);
        assertThat(w.getRaster().getSample(0, 0, 0)).isEqualTo(4095 << 4);
        assertThat(w.getRaster().getSample(1, 0, 0)).isEqualTo(1600);
        assertThat(w.getRaster().getSample(2, 0, 0)).isEqualTo(65535);
        assertThat(g.getRaster().getSample(0, 0, 0)).as("the original is left alone").isEqualTo(4095);
        // the 8-bit conversion then sees the 12-bit value's top 8 bits
        assertThat(ImageLoader.toRgb(w).getRGB(0, 0) & 0xff).isEqualTo(4095 >> 4);
    }

    @Test
    void nothingToDoForEightBitImagesOrAsStored() {
        BufferedImage g8 = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_GRAY);
        assertThat(SampleDepth.widen(g8, 12)).isSameAs(g8);
        BufferedImage g16 = new BufferedImage(2, 2, BufferedImage.TYPE_USHORT_GRAY);
        assertThat(SampleDepth.widen(g16, SampleDepth.AS_STORED)).isSameAs(g16);
        assertThat(SampleDepth.widen(g16, 16)).isSameAs(g16);
    }

    @Test
    void alphaKeepsItsRange() {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_USHORT);
        WritableRaster r = cm.createCompatibleWritableRaster(1, 1);
        r.setPixel(0, 0, new int[]{1000, 2000, 3000, 65535});
        int[] out = SampleDepth.widen(new BufferedImage(cm, r, false, null), 12).getRaster().getPixel(0, 0, (int[]) null);
        assertThat(out).containsExactly(16000, 32000, 48000, 65535);
    }
}
