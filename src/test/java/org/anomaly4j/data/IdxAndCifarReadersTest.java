package org.anomaly4j.data;

import org.anomaly4j.AnomalyException;
import org.datavec.api.writable.IntWritable;
import org.datavec.api.writable.NDArrayWritable;
import org.datavec.api.writable.Writable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** IDX and CIFAR-10 binary readers on small files the tests write themselves. */
class IdxAndCifarReadersTest {
    @TempDir
    Path dir;

    /** n images of rows x cols where pixel (y, x) of image i = (i * 10 + y * cols + x) mod 256; labels i mod 10. */
    private Path[] writeIdx(int n, int rows, int cols, boolean gzip, int labelCount) throws IOException {
        ByteArrayOutputStream img = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(img);
        d.writeInt(0x00000803);
        d.writeInt(n);
        d.writeInt(rows);
        d.writeInt(cols);
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < rows * cols; p++) {
                d.writeByte((i * 10 + p) & 0xff);
            }
        }
        ByteArrayOutputStream lab = new ByteArrayOutputStream();
        DataOutputStream l = new DataOutputStream(lab);
        l.writeInt(0x00000801);
        l.writeInt(labelCount);
        for (int i = 0; i < labelCount; i++) {
            l.writeByte(i % 10);
        }
        Path ip = dir.resolve("images" + (gzip ? ".gz" : ""));
        Path lp = dir.resolve("labels" + (gzip ? ".gz" : ""));
        write(ip, img.toByteArray(), gzip);
        write(lp, lab.toByteArray(), gzip);
        return new Path[]{ip, lp};
    }

    private static void write(Path p, byte[] bytes, boolean gzip) throws IOException {
        try (OutputStream o = gzip ? new GZIPOutputStream(Files.newOutputStream(p)) : Files.newOutputStream(p)) {
            o.write(bytes);
        }
    }

    @Test
    void readsPlainAndGzipWithLabelOrderAndPixels() throws Exception {
        for (boolean gzip : new boolean[]{false, true}) {
            Path[] f = writeIdx(12, 3, 4, gzip, 12);
            IdxRecordReader r = new IdxRecordReader(f[0], f[1]);
            assertThat(r.size()).isEqualTo(12);
            assertThat(r.rows()).isEqualTo(3);
            assertThat(r.cols()).isEqualTo(4);
            for (int i = 0; i < 12; i++) {
                List<Writable> rec = r.next();
                assertThat(((IntWritable) rec.get(1)).get()).isEqualTo(i % 10);
                var a = ((NDArrayWritable) rec.get(0)).get();
                assertThat(a.shape()).containsExactly(1, 1, 3, 4);
                assertThat(a.getDouble(0, 0, 1, 2)).isCloseTo(((i * 10 + 6) & 0xff) / 255.0, org.assertj.core.data.Offset.offset(1e-6));
            }
            assertThat(r.hasNext()).isFalse();
        }
    }

    @Test
    void headerValidation() throws Exception {
        Path[] f = writeIdx(5, 2, 2, false, 5);
        // swapped files: a labels file where images are expected
        assertThatThrownBy(() -> new IdxRecordReader(f[1], f[0]))
                .isInstanceOf(AnomalyException.class).hasMessageContaining("dimensions").hasMessageContaining("swapped");
        // wrong magic
        Path bad = dir.resolve("bad");
        Files.write(bad, new byte[]{1, 2, 3, 4, 0, 0, 0, 1});
        assertThatThrownBy(() -> new IdxRecordReader(bad, f[1]))
                .isInstanceOf(AnomalyException.class).hasMessageContaining("not an unsigned-byte IDX file");
        // counts disagree
        Path[] g = writeIdx(5, 2, 2, false, 4);
        assertThatThrownBy(() -> new IdxRecordReader(g[0], g[1]))
                .isInstanceOf(AnomalyException.class).hasMessageContaining("5 images").hasMessageContaining("4 labels");
    }

    @Test
    void truncatedFileEndsMidRecord() throws Exception {
        Path[] f = writeIdx(5, 2, 2, false, 5);
        byte[] all = Files.readAllBytes(f[0]);
        Files.write(f[0], Arrays.copyOf(all, all.length - 3)); // last image loses 3 of its 4 bytes
        assertThatThrownBy(() -> new IdxRecordReader(f[0], f[1]))
                .isInstanceOf(AnomalyException.class).hasMessageContaining("truncated").hasMessageContaining("record 4");
        Files.write(f[0], new byte[0]);
        assertThatThrownBy(() -> new IdxRecordReader(f[0], f[1]))
                .isInstanceOf(AnomalyException.class).hasMessageContaining("empty or truncated");
    }

    @Test
    void cifarBinaryReaderReadsLabelsAndPlanes() throws Exception {
        byte[] data = new byte[2 * CifarBinaryRecordReader.RECORD_BYTES];
        data[0] = 3;
        data[1] = (byte) 200;            // image 0, R at (0,0)
        data[1 + 1024 + 33] = (byte) 100; // image 0, G at (1,1)
        data[CifarBinaryRecordReader.RECORD_BYTES] = 9;
        Path f = dir.resolve("data_batch_1.bin");
        Files.write(f, data);
        CifarBinaryRecordReader r = new CifarBinaryRecordReader(List.of(f));
        assertThat(r.size()).isEqualTo(2);
        assertThat(r.label(0)).isEqualTo(3);
        assertThat(r.label(1)).isEqualTo(9);
        assertThat(r.value(0, 0, 0, 0)).isEqualTo(200);
        assertThat(r.value(0, 1, 1, 1)).isEqualTo(100);
        var rec = r.next();
        assertThat(((NDArrayWritable) rec.get(0)).get().getDouble(0, 1, 1, 1)).isCloseTo(100 / 255.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(r.getLabels().get(3)).isEqualTo("cat");

        Files.write(f, Arrays.copyOf(data, data.length - 10));
        assertThatThrownBy(() -> new CifarBinaryRecordReader(List.of(f)))
                .isInstanceOf(AnomalyException.class).hasMessageContaining("not a whole number");
        data[0] = 42;
        Files.write(f, data);
        assertThatThrownBy(() -> new CifarBinaryRecordReader(List.of(f)))
                .isInstanceOf(AnomalyException.class).hasMessageContaining("label 42");
    }

    @Test
    void oneClassProtocolFromIdx() throws Exception {
        Path root = dir.resolve("mnist");
        Files.createDirectories(root);
        Path[] train = writeIdx(40, 8, 8, true, 40);
        Files.move(train[0], root.resolve("train-images-idx3-ubyte.gz"));
        Files.move(train[1], root.resolve("train-labels-idx1-ubyte.gz"));
        Path[] test = writeIdx(20, 8, 8, true, 20);
        Files.move(test[0], root.resolve("t10k-images-idx3-ubyte.gz"));
        Files.move(test[1], root.resolve("t10k-labels-idx1-ubyte.gz"));
        DatasetSplits s = OneClassLayout.scan(root, "idx", "3", dir.resolve("cache"), 0.25, 1, 0, 0);
        assertThat(s.train().size() + s.validation().size()).isEqualTo(4); // labels 3, 13, 23, 33
        assertThat(s.validation()).hasSize(1);
        assertThat(s.test()).hasSize(20);
        assertThat(s.test().stream().filter(t -> !t.anomalous())).hasSize(2); // test labels 3 and 13
        assertThat(s.hasMasks()).isFalse();
        // as many validation anomalies as validation normals: other classes' training images, never test images
        assertThat(s.validationAnomalies()).hasSize(1).allMatch(ImageSample::anomalous)
                .allMatch(a -> a.image().startsWith(s.train().get(0).image().getParent().getParent()))
                .noneMatch(a -> a.image().getParent().getFileName().toString().equals("3"));
        assertThatThrownBy(() -> OneClassLayout.scan(root, "idx", "11", dir.resolve("cache"), 0.25, 1, 0, 0))
                .isInstanceOf(AnomalyException.class).hasMessageContaining("data.normalClass");
    }

    @Test
    void cifarClassFoldersViaDataVecFileSplitAndParentPathLabels() throws Exception {
        Path root = dir.resolve("cifar10");
        String[] classes = {"truck", "airplane", "cat"}; // written out of order on purpose
        for (String split : new String[]{"train", "test"}) {
            for (int c = 0; c < classes.length; c++) {
                for (int i = 0; i < (split.equals("train") ? 4 : 2) + c; i++) {
                    Path f = root.resolve(split).resolve(classes[c]).resolve(String.format("%04d.%s", i, i % 2 == 0 ? "png" : "jpg"));
                    Files.createDirectories(f.getParent());
                    java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(32, 32, java.awt.image.BufferedImage.TYPE_INT_RGB);
                    img.setRGB(i, c, 0xffffff);
                    javax.imageio.ImageIO.write(img, i % 2 == 0 ? "png" : "jpg", f.toFile());
                }
            }
        }
        Files.writeString(root.resolve("train").resolve("cat").resolve("notes.txt"), "not an image");
        Files.createDirectories(root.resolve("train").resolve("cat").resolve("deeper"));
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB), "png",
                root.resolve("train").resolve("cat").resolve("deeper").resolve("x.png").toFile());

        var byClass = ClassFolders.byClass(root.resolve("train"), OneClassLayout.classFolders(root.resolve("train")));
        assertThat(byClass.keySet()).containsExactly("airplane", "cat", "truck"); // the CIFAR-10 label order
        assertThat(byClass.get("airplane")).hasSize(5);
        assertThat(byClass.get("cat")).hasSize(6).allMatch(p -> p.startsWith(root.resolve("train").resolve("cat")))
                .noneMatch(p -> p.toString().contains("deeper") || p.toString().endsWith(".txt"));
        assertThat(byClass.get("truck")).hasSize(4).isSorted();

        DatasetSplits s = OneClassLayout.scan(root, "cifar10-folders", "1", dir.resolve("cache"), 0.2, 1, 0, 0); // index 1 = cat
        assertThat(s.train().size() + s.validation().size()).isEqualTo(6);
        assertThat(s.test()).hasSize(2 + 3 + 4);
        assertThat(s.test().stream().filter(t -> !t.anomalous())).hasSize(4)
                .allMatch(t -> t.image().getParent().getFileName().toString().equals("cat"));
        assertThat(s.validationAnomalies()).hasSize(s.validation().size())
                .allMatch(a -> a.image().startsWith(root.resolve("train")) && !a.defectType().equals("cat"));
    }

    @Test
    void validationAnomaliesTakeTheOtherClassesInTurnAndAreSeeded() {
        Map<String, List<Path>> byClass = new LinkedHashMap<>();
        byClass.put("a", List.of(Path.of("train/a/1.png"), Path.of("train/a/2.png"), Path.of("train/a/3.png")));
        byClass.put("n", List.of(Path.of("train/n/1.png"), Path.of("train/n/2.png")));
        byClass.put("b", List.of(Path.of("train/b/1.png")));
        List<ImageSample> picked = OneClassLayout.otherClasses(byClass, "n", 4, 7);
        assertThat(picked).hasSize(4).allMatch(ImageSample::anomalous);
        assertThat(picked.stream().map(ImageSample::defectType)).containsExactly("a", "b", "a", "a"); // b runs out
        assertThat(picked.stream().map(ImageSample::image)).doesNotHaveDuplicates();
        assertThat(OneClassLayout.otherClasses(byClass, "n", 4, 7)).isEqualTo(picked);
        assertThat(OneClassLayout.otherClasses(byClass, "n", 10, 7)).hasSize(4); // only 4 exist
        assertThat(OneClassLayout.otherClasses(byClass, "n", 0, 7)).isEmpty();
    }
}
