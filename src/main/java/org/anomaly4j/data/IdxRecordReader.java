package org.anomaly4j.data;

import org.anomaly4j.AnomalyException;
import org.datavec.api.writable.IntWritable;
import org.datavec.api.writable.NDArrayWritable;
import org.datavec.api.writable.Writable;
import org.nd4j.linalg.factory.Nd4j;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * DataVec reader for IDX files (MNIST, Fashion-MNIST, EMNIST): an images file (magic 0x00000803,
 * unsigned bytes, N x rows x cols) and a labels file (magic 0x00000801, N), gzip or plain. Headers
 * are validated (magic, dimensions, equal counts); a truncated file is an error naming the file and
 * the record. Records are {@code [image (1,1,rows,cols) in [0,1], label]}.
 */
public class IdxRecordReader extends IndexedRecordReader {
    private final Path imagesFile;
    private final Path labelsFile;
    private byte[] pixels;
    private byte[] labels;
    private int rows;
    private int cols;
    private int count;

    public IdxRecordReader(Path imagesFile, Path labelsFile) {
        this.imagesFile = imagesFile;
        this.labelsFile = labelsFile;
        load();
    }

    private void load() {
        try (DataInputStream img = open(imagesFile); DataInputStream lab = open(labelsFile)) {
            int[] imgDims = header(img, imagesFile, 3);
            int[] labDims = header(lab, labelsFile, 1);
            if (imgDims[0] != labDims[0]) {
                throw new AnomalyException("IDX files disagree: " + imagesFile + " has " + imgDims[0] + " images but "
                        + labelsFile + " has " + labDims[0] + " labels (mismatched pair of files?)");
            }
            count = imgDims[0];
            rows = imgDims[1];
            cols = imgDims[2];
            pixels = new byte[Math.multiplyExact(count, rows * cols)];
            labels = new byte[count];
            readFully(img, pixels, imagesFile, rows * cols);
            readFully(lab, labels, labelsFile, 1);
        } catch (IOException e) {
            throw new AnomalyException("cannot read IDX files " + imagesFile + ", " + labelsFile + ": " + e.getMessage(), e);
        }
    }

    private static DataInputStream open(Path p) throws IOException {
        if (!Files.isRegularFile(p)) {
            throw new AnomalyException("IDX file not found: " + p + " (expected e.g. train-images-idx3-ubyte.gz)");
        }
        InputStream in = new BufferedInputStream(Files.newInputStream(p), 1 << 16);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        if (b1 == 0x1f && b2 == 0x8b) {
            in = new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
        }
        return new DataInputStream(in);
    }

    /** Reads and checks the magic number; returns the dimension sizes. */
    static int[] header(DataInputStream in, Path file, int expectedDims) throws IOException {
        int magic;
        try {
            magic = in.readInt();
        } catch (EOFException e) {
            throw new AnomalyException("IDX file " + file + " is empty or truncated before its header");
        }
        int type = (magic >> 8) & 0xff;
        int dims = magic & 0xff;
        if ((magic >>> 16) != 0 || type != 0x08) {
            throw new AnomalyException(String.format("%s is not an unsigned-byte IDX file (magic 0x%08x; expected 0x%08x)",
                    file, magic, 0x0800 | expectedDims));
        }
        if (dims != expectedDims) {
            throw new AnomalyException(file + " has " + dims + " dimensions, expected " + expectedDims
                    + (expectedDims == 3 ? " (an images file)" : " (a labels file)") + ": images and labels swapped?");
        }
        int[] sizes = new int[dims];
        for (int i = 0; i < dims; i++) {
            sizes[i] = in.readInt();
            if (sizes[i] <= 0) {
                throw new AnomalyException(file + ": dimension " + i + " has size " + sizes[i]);
            }
        }
        return sizes;
    }

    private static void readFully(DataInputStream in, byte[] buf, Path file, int recordBytes) throws IOException {
        int off = 0;
        while (off < buf.length) {
            int n = in.read(buf, off, buf.length - off);
            if (n < 0) {
                throw new AnomalyException("IDX file " + file + " is truncated: ends in record " + (off / recordBytes)
                        + " of " + (buf.length / recordBytes) + " (download it again)");
            }
            off += n;
        }
    }

    @Override
    public int size() {
        return count;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public int label(int i) {
        return labels[i] & 0xff;
    }

    /** Grey value (0..255) of pixel (y, x) of image i. */
    public int pixel(int i, int y, int x) {
        return pixels[i * rows * cols + y * cols + x] & 0xff;
    }

    @Override
    protected URI source(int i) {
        return imagesFile.toUri();
    }

    @Override
    protected List<Writable> read(int i) {
        float[] img = new float[rows * cols];
        for (int p = 0; p < img.length; p++) {
            img[p] = (pixels[i * rows * cols + p] & 0xff) / 255f;
        }
        List<Writable> r = new ArrayList<>(2);
        r.add(new NDArrayWritable(Nd4j.create(img, new long[]{1, 1, rows, cols})));
        r.add(new IntWritable(label(i)));
        return r;
    }

    @Override
    public List<String> getLabels() {
        List<String> l = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            l.add(String.valueOf(i));
        }
        return l;
    }

}
