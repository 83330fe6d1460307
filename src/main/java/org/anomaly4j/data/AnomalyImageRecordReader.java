package org.anomaly4j.data;

import org.datavec.api.writable.IntWritable;
import org.datavec.api.writable.NDArrayWritable;
import org.datavec.api.writable.Text;
import org.datavec.api.writable.Writable;
import org.nd4j.linalg.factory.Nd4j;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * DataVec reader over a list of {@link ImageSample}s (an image, or a {@link Piece} of one). Each record is
 * {@code [image (1,3,S,S) in [0,1] RGB, label (0 normal / 1 anomalous), mask (1,1,S,S) or zeros, defect type]}.
 * It plugs into DataVec iterators like any other reader; anomaly4j batches it with {@link ImageBatches}.
 */
public class AnomalyImageRecordReader extends IndexedRecordReader {
    public static final int IMAGE = 0;
    public static final int LABEL = 1;
    public static final int MASK = 2;
    public static final int TYPE = 3;

    private final List<ImageSample> samples;
    private final int size;
    private final int sampleBits;

    public AnomalyImageRecordReader(List<ImageSample> samples, int size) {
        this(samples, size, SampleDepth.AS_STORED);
    }

    /** {@code sampleBits}: the bits the images' samples fill ({@link SampleDepth}; 0 = as stored). */
    public AnomalyImageRecordReader(List<ImageSample> samples, int size, int sampleBits) {
        this.samples = List.copyOf(samples);
        this.size = size;
        this.sampleBits = sampleBits;
    }

    @Override
    public int size() {
        return samples.size();
    }

    public ImageSample sample(int index) {
        return samples.get(index);
    }

    @Override
    protected URI source(int i) {
        return samples.get(i).image().toUri();
    }

    @Override
    protected List<Writable> read(int i) {
        ImageSample s = samples.get(i);
        float[] image = ImageLoader.loadRgb(s, size, sampleBits);
        float[] mask = s.mask() != null ? ImageLoader.loadMask(s, size) : new float[size * size];
        List<Writable> record = new ArrayList<>(4);
        record.add(new NDArrayWritable(Nd4j.create(image, new long[]{1, 3, size, size})));
        record.add(new IntWritable(s.anomalous() ? 1 : 0));
        record.add(new NDArrayWritable(Nd4j.create(mask, new long[]{1, 1, size, size})));
        record.add(new Text(s.defectType()));
        return record;
    }

    @Override
    public List<String> getLabels() {
        return List.of("normal", "anomalous");
    }

}
