package org.anomaly4j.data;

import org.datavec.api.conf.Configuration;
import org.datavec.api.records.impl.Record;
import org.datavec.api.records.metadata.RecordMetaData;
import org.datavec.api.records.metadata.RecordMetaDataURI;
import org.datavec.api.records.reader.BaseRecordReader;
import org.datavec.api.split.InputSplit;
import org.datavec.api.writable.IntWritable;
import org.datavec.api.writable.NDArrayWritable;
import org.datavec.api.writable.Text;
import org.datavec.api.writable.Writable;
import org.nd4j.linalg.factory.Nd4j;

import java.io.DataInputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * DataVec reader over a list of {@link ImageSample}s. Each record is
 * {@code [image (1,3,S,S) in [0,1] RGB, label (0 normal / 1 anomalous), mask (1,1,S,S) or zeros, defect type]}.
 * It plugs into DataVec iterators like any other reader; anomaly4j batches it with {@link ImageBatches}.
 */
public class AnomalyImageRecordReader extends BaseRecordReader {
    public static final int IMAGE = 0;
    public static final int LABEL = 1;
    public static final int MASK = 2;
    public static final int TYPE = 3;

    private final List<ImageSample> samples;
    private final int size;
    private int cursor;

    public AnomalyImageRecordReader(List<ImageSample> samples, int size) {
        this.samples = List.copyOf(samples);
        this.size = size;
    }

    public int size() {
        return samples.size();
    }

    public ImageSample sample(int index) {
        return samples.get(index);
    }

    @Override
    public void initialize(InputSplit split) {
        cursor = 0;
    }

    @Override
    public void initialize(Configuration conf, InputSplit split) {
        cursor = 0;
    }

    @Override
    public boolean batchesSupported() {
        return false;
    }

    @Override
    public List<Writable> next() {
        return read(samples.get(cursor++));
    }

    private List<Writable> read(ImageSample s) {
        float[] image = ImageLoader.loadRgb(s.image(), size);
        float[] mask = s.mask() != null ? ImageLoader.loadMask(s.mask(), s.image(), size) : new float[size * size];
        List<Writable> record = new ArrayList<>(4);
        record.add(new NDArrayWritable(Nd4j.create(image, new long[]{1, 3, size, size})));
        record.add(new IntWritable(s.anomalous() ? 1 : 0));
        record.add(new NDArrayWritable(Nd4j.create(mask, new long[]{1, 1, size, size})));
        record.add(new Text(s.defectType()));
        return record;
    }

    @Override
    public boolean hasNext() {
        return cursor < samples.size();
    }

    @Override
    public List<String> getLabels() {
        return List.of("normal", "anomalous");
    }

    @Override
    public void reset() {
        cursor = 0;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public List<Writable> record(URI uri, DataInputStream dataInputStream) {
        throw new UnsupportedOperationException("records are read from files, not streams");
    }

    @Override
    public org.datavec.api.records.Record nextRecord() {
        ImageSample s = samples.get(cursor);
        List<Writable> w = next();
        return new Record(w, new RecordMetaDataURI(s.image().toUri(), AnomalyImageRecordReader.class));
    }

    @Override
    public org.datavec.api.records.Record loadFromMetaData(RecordMetaData recordMetaData) {
        URI uri = recordMetaData.getURI();
        for (ImageSample s : samples) {
            if (s.image().toUri().equals(uri)) {
                return new Record(read(s), recordMetaData);
            }
        }
        throw new IllegalArgumentException("not in this reader: " + uri);
    }

    @Override
    public List<org.datavec.api.records.Record> loadFromMetaData(List<RecordMetaData> list) {
        List<org.datavec.api.records.Record> out = new ArrayList<>();
        for (RecordMetaData m : list) {
            out.add(loadFromMetaData(m));
        }
        return out;
    }

    @Override
    public void close() {
    }

    @Override
    public void setConf(Configuration conf) {
    }

    @Override
    public Configuration getConf() {
        return null;
    }
}
