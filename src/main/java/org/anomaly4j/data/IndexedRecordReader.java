package org.anomaly4j.data;

import org.datavec.api.conf.Configuration;
import org.datavec.api.records.Record;
import org.datavec.api.records.metadata.RecordMetaData;
import org.datavec.api.records.metadata.RecordMetaDataIndex;
import org.datavec.api.records.reader.BaseRecordReader;
import org.datavec.api.split.InputSplit;
import org.datavec.api.writable.Writable;

import java.io.DataInputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The DataVec plumbing shared by anomaly4j's readers: records are numbered 0..size-1 and read by
 * index, so iteration, reset and metadata look-ups are the same for every source. Subclasses say
 * how many records there are and how to read record i.
 */
public abstract class IndexedRecordReader extends BaseRecordReader {
    private int cursor;

    public abstract int size();

    /** Record {@code i}, 0-based. */
    protected abstract List<Writable> read(int i);

    /** Where record {@code i} comes from (file), for its metadata. */
    protected abstract URI source(int i);

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
        return read(cursor++);
    }

    @Override
    public boolean hasNext() {
        return cursor < size();
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
        throw new UnsupportedOperationException(getClass().getSimpleName() + " reads the files it was built with, not streams");
    }

    @Override
    public Record nextRecord() {
        int i = cursor;
        return new org.datavec.api.records.impl.Record(next(), new RecordMetaDataIndex(i, source(i), getClass()));
    }

    @Override
    public Record loadFromMetaData(RecordMetaData meta) {
        return new org.datavec.api.records.impl.Record(read((int) ((RecordMetaDataIndex) meta).getIndex()), meta);
    }

    @Override
    public List<Record> loadFromMetaData(List<RecordMetaData> list) {
        List<Record> out = new ArrayList<>();
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
