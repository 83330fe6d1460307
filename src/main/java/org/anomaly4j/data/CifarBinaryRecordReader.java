package org.anomaly4j.data;

import org.anomaly4j.AnomalyException;
import org.datavec.api.writable.IntWritable;
import org.datavec.api.writable.NDArrayWritable;
import org.datavec.api.writable.Writable;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * DataVec reader for the official CIFAR-10 binary batches ({@code data_batch_1.bin} ...
 * {@code test_batch.bin}): records of 1 label byte + 3072 pixel bytes (1024 R, 1024 G, 1024 B,
 * row-major 32x32). Records are {@code [image (1,3,32,32) RGB in [0,1], label]}.
 */
public class CifarBinaryRecordReader extends IndexedRecordReader {
    public static final int SIDE = 32;
    public static final int RECORD_BYTES = 1 + 3 * SIDE * SIDE;
    public static final List<String> CLASSES = List.of("airplane", "automobile", "bird", "cat", "deer",
            "dog", "frog", "horse", "ship", "truck");

    private final List<Path> files;
    private final byte[] data;
    private final int count;

    public CifarBinaryRecordReader(List<Path> files) {
        this.files = List.copyOf(files);
        long total = 0;
        for (Path f : files) {
            long len = size(f);
            if (len == 0 || len % RECORD_BYTES != 0) {
                throw new AnomalyException("CIFAR-10 binary file " + f + " has " + len + " bytes, not a whole number of "
                        + RECORD_BYTES + "-byte records (truncated or not a CIFAR-10 batch)");
            }
            total += len;
        }
        data = new byte[Math.toIntExact(total)];
        int off = 0;
        for (Path f : files) {
            try {
                byte[] b = Files.readAllBytes(f);
                System.arraycopy(b, 0, data, off, b.length);
                for (int r = 0; r < b.length / RECORD_BYTES; r++) {
                    int label = b[r * RECORD_BYTES] & 0xff;
                    if (label > 9) {
                        throw new AnomalyException("CIFAR-10 binary file " + f + ": record " + r + " has label " + label
                                + " (must be 0..9; is this the CIFAR-100 format?)");
                    }
                }
                off += b.length;
            } catch (IOException e) {
                throw new AnomalyException("cannot read " + f + ": " + e.getMessage(), e);
            }
        }
        count = data.length / RECORD_BYTES;
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            throw new AnomalyException("CIFAR-10 binary file not found or unreadable: " + f, e);
        }
    }

    @Override
    public int size() {
        return count;
    }

    public int label(int i) {
        return data[i * RECORD_BYTES] & 0xff;
    }

    /** Channel value (0..255) of image i at (c, y, x), c = 0 R, 1 G, 2 B. */
    public int value(int i, int c, int y, int x) {
        return data[i * RECORD_BYTES + 1 + c * SIDE * SIDE + y * SIDE + x] & 0xff;
    }

    @Override
    protected URI source(int i) {
        return files.get(0).toUri();
    }

    @Override
    protected List<Writable> read(int i) {
        float[] img = new float[3 * SIDE * SIDE];
        for (int p = 0; p < img.length; p++) {
            img[p] = (data[i * RECORD_BYTES + 1 + p] & 0xff) / 255f;
        }
        List<Writable> r = new ArrayList<>(2);
        r.add(new NDArrayWritable(Nd4j.create(img, new long[]{1, 3, SIDE, SIDE})));
        r.add(new IntWritable(label(i)));
        return r;
    }

    @Override
    public List<String> getLabels() {
        return CLASSES;
    }

}
