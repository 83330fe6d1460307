package org.anomaly4j.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PieceTest {

    @Test
    void anImageIsCutOnlyWhenStretchedMoreThanTheLimit() {
        assertThat(Piece.countFor(150, 100, 1.5)).isEqualTo(1);   // 1.5: at the limit
        assertThat(Piece.countFor(160, 100, 1.5)).isEqualTo(2);   // 1.6 rounds to 2
        assertThat(Piece.countFor(600, 240, 1.5)).isEqualTo(3);   // 2.5 rounds up
        assertThat(Piece.countFor(100, 300, 1.5)).isEqualTo(3);   // tall images too
        assertThat(Piece.countFor(600, 100, 0)).isEqualTo(1);     // 0: off
        assertThat(Piece.countFor(130, 100, 1.2)).isEqualTo(1);   // halves of 1.3:1 would be 1:1.54, worse than the whole
    }

    @Test
    void piecesTileTheImageWithoutGapsOrOverlap() {
        int width = 617;
        int next = 0;
        for (int k = 0; k < 3; k++) {
            Rectangle r = new Piece(k, 3, true).bounds(width, 230);
            assertThat(r.x).isEqualTo(next);
            assertThat(r.height).isEqualTo(230);
            next = r.x + r.width;
        }
        assertThat(next).isEqualTo(width);
        Rectangle bottom = new Piece(1, 2, false).bounds(100, 301);
        assertThat(bottom).isEqualTo(new Rectangle(0, 150, 100, 151));
    }

    @Test
    void expandReplacesLongImagesByTheirPiecesInOrder(@TempDir Path dir) throws Exception {
        Path wide = write(dir.resolve("wide.png"), 90, 30);
        Path square = write(dir.resolve("square.png"), 30, 30);
        List<ImageSample> out = ImagePieces.expand(List.of(new ImageSample(wide, "crack", null),
                new ImageSample(square, ImageSample.GOOD, null)), 1.5);
        assertThat(out).extracting(ImageSample::image).containsExactly(wide, wide, wide, square);
        assertThat(out).extracting(ImageSample::piece).containsExactly(new Piece(0, 3, true), new Piece(1, 3, true),
                new Piece(2, 3, true), null);
        assertThat(ImagePieces.expand(out, 1.5)).isEqualTo(out); // pieces are not cut again
        assertThat(ImagePieces.expand(out.subList(3, 4), 0)).containsExactly(out.get(3));
    }

    @Test
    void aPieceLoadsOnlyItsPartOfTheImageAndOfTheMask(@TempDir Path dir) throws Exception {
        // left third black, middle third white, right third black; the mask marks the middle third
        BufferedImage img = new BufferedImage(90, 30, BufferedImage.TYPE_BYTE_GRAY);
        BufferedImage mask = new BufferedImage(90, 30, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 30; y++) {
            for (int x = 30; x < 60; x++) {
                img.getRaster().setSample(x, y, 0, 255);
                mask.getRaster().setSample(x, y, 0, 255);
            }
        }
        Path imageFile = dir.resolve("i.png");
        Path maskFile = dir.resolve("i_mask.png");
        ImageIO.write(img, "png", imageFile.toFile());
        ImageIO.write(mask, "png", maskFile.toFile());
        for (int k = 0; k < 3; k++) {
            ImageSample piece = new ImageSample(imageFile, "spot", maskFile, new Piece(k, 3, true));
            float expected = k == 1 ? 1f : 0f;
            float[] rgb = ImageLoader.loadRgb(piece, 16);
            float[] m = ImageLoader.loadMask(piece, 16);
            assertThat(rgb[0]).as("piece %d, first pixel", k).isEqualTo(expected);
            assertThat(rgb[rgb.length - 1]).as("piece %d, last pixel", k).isEqualTo(expected);
            assertThat(m[0]).isEqualTo(expected);
            assertThat(m[m.length - 1]).isEqualTo(expected);
        }
    }

    private static Path write(Path file, int w, int h) throws Exception {
        ImageIO.write(new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY), "png", file.toFile());
        return file;
    }
}
