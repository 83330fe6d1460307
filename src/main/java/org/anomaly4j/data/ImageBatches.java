package org.anomaly4j.data;

import org.datavec.api.writable.IntWritable;
import org.datavec.api.writable.NDArrayWritable;
import org.datavec.api.writable.Writable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

/** Pulls records from an {@link AnomalyImageRecordReader} into batches of images, labels and masks. */
public final class ImageBatches {
    private ImageBatches() {
    }

    /** A batch of raw images (RGB, [0,1]), their 0/1 labels, masks and defect types. */
    public record Batch(INDArray images, int[] labels, INDArray masks, List<String> types, List<ImageSample> samples) {
        /** Frees the off-heap arrays now rather than at some later garbage collection. */
        public void close() {
            for (INDArray a : new INDArray[]{images, masks}) {
                if (a.closeable()) {
                    a.close();
                }
            }
        }
    }

    /** Reads up to {@code n} records from the reader's cursor; {@code offset} indexes into the reader's samples. */
    public static Batch next(AnomalyImageRecordReader reader, int offset, int n) {
        List<INDArray> images = new ArrayList<>();
        List<INDArray> masks = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<ImageSample> samples = new ArrayList<>();
        int[] labels = new int[n];
        int i = 0;
        while (i < n && reader.hasNext()) {
            samples.add(reader.sample(offset + i));
            List<Writable> r = reader.next();
            images.add(((NDArrayWritable) r.get(AnomalyImageRecordReader.IMAGE)).get());
            labels[i] = ((IntWritable) r.get(AnomalyImageRecordReader.LABEL)).get();
            masks.add(((NDArrayWritable) r.get(AnomalyImageRecordReader.MASK)).get());
            types.add(r.get(AnomalyImageRecordReader.TYPE).toString());
            i++;
        }
        Batch b = new Batch(Nd4j.concat(0, images.toArray(INDArray[]::new)), java.util.Arrays.copyOf(labels, i),
                Nd4j.concat(0, masks.toArray(INDArray[]::new)), types, samples);
        if (images.size() > 1) { // concat of one array may return that array itself
            images.forEach(INDArray::close);
            masks.forEach(INDArray::close);
        }
        return b;
    }
}
