package org.anomaly4j.train;

import me.tongfei.progressbar.ProgressBar;
import org.anomaly4j.Progress;
import org.anomaly4j.data.AnomalyImageRecordReader;
import org.anomaly4j.data.ImageBatches;
import org.anomaly4j.model.HfrModel;
import org.anomaly4j.model.InferencePath;
import org.anomaly4j.model.TapShape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.indexing.SpecifiedIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The frozen encoder's taps for every training image, computed once. The encoder is frozen and
 * there is no augmentation, so every epoch would recompute exactly these values; the decoder
 * trains on them instead. The taps come from the encoder part of the full graph ({@link InferencePath}),
 * so they are the values the graph computes at test time.
 */
public final class FeatureCache {
    private static final Logger LOG = LoggerFactory.getLogger(FeatureCache.class);
    private final List<INDArray> taps;
    private final int size;

    private FeatureCache(List<INDArray> taps, int size) {
        this.taps = taps;
        this.size = size;
    }

    public static FeatureCache compute(HfrModel model, InferencePath path, AnomalyImageRecordReader reader, int batchSize, String task) {
        int n = reader.size();
        DataType type = model.graph().getConfiguration().getDataType();
        long bytes = bytesFor(model.taps(), n, type);
        LOG.info("{}: feature cache of {} images, {} MB", task, n, bytes >> 20);
        // Allocated whole before the first image is encoded: a cache that does not fit fails now, not after
        // minutes of encoding, and there is no concatenation at the end that would hold every tap twice.
        List<INDArray> taps = new ArrayList<>();
        for (TapShape t : model.taps()) {
            taps.add(Nd4j.create(type, n, t.channels(), t.height(), t.width()));
        }
        reader.reset();
        int offset = 0;
        try (ProgressBar pb = Progress.bar(task, n)) {
            while (reader.hasNext()) {
                ImageBatches.Batch b = ImageBatches.next(reader, offset, batchSize);
                int rows = b.labels().length;
                INDArray input = model.preprocessing().apply(b.images());
                Map<String, INDArray> acts = path.targets(input);
                for (int k = 0; k < taps.size(); k++) {
                    INDArray a = acts.get(model.taps().get(k).name());
                    taps.get(k).get(NDArrayIndex.interval(offset, offset + rows), NDArrayIndex.all(), NDArrayIndex.all(),
                            NDArrayIndex.all()).assign(a);
                    if (a.closeable()) {
                        a.close();
                    }
                }
                b.close();
                input.close();
                offset += rows;
                pb.stepBy(rows);
            }
        }
        if (offset != n) {
            throw new IllegalStateException("the reader gave " + offset + " images, not its size " + n);
        }
        return new FeatureCache(taps, n);
    }

    /**
     * Warns before any cache is filled when the caches of {@code images} images together (training and validation:
     * both are held through training) take more than half the machine's memory ({@link #memoryWarning}).
     */
    public static void warnIfLarge(HfrModel model, int images) {
        String warning = memoryWarning(bytesFor(model.taps(), images, model.graph().getConfiguration().getDataType()),
                physicalMemory());
        if (!warning.isEmpty()) {
            LOG.warn(warning);
        }
    }

    /** Bytes of the cached taps of {@code images} images. */
    static long bytesFor(List<TapShape> taps, int images, DataType type) {
        return taps.stream().mapToLong(t -> (long) images * t.channels() * t.height() * t.width()).sum() * type.width();
    }

    /**
     * A warning when the caches take more than half the machine's memory: past the JVM's caps ND4J fails with an
     * out-of-memory error Train can report, but past the machine's memory the operating system ends the process
     * without a word. Empty when it fits or the machine's memory is unknown (0).
     */
    static String memoryWarning(long cacheBytes, long physicalBytes) {
        if (physicalBytes <= 0 || cacheBytes <= physicalBytes / 2) {
            return "";
        }
        return String.format("the feature caches need %.1f GB of this machine's %.1f GB of memory: if the operating system "
                        + "ends the run without a message, set train.featureCache=false (no cache; slower) or lower "
                        + "data.imageSize or data.maxTrainImages", cacheBytes / 1e9, physicalBytes / 1e9);
    }

    private static long physicalMemory() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getTotalMemorySize() : 0;
    }

    public int size() {
        return size;
    }

    /** The taps of the given images, one array per tap. */
    public INDArray[] batch(int[] indices) {
        INDArray[] out = new INDArray[taps.size()];
        long[] idx = new long[indices.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = indices[i];
        }
        for (int k = 0; k < taps.size(); k++) {
            INDArray t = taps.get(k);
            INDArrayIndex[] sel = new INDArrayIndex[t.rank()];
            sel[0] = new SpecifiedIndex(idx);
            for (int d = 1; d < sel.length; d++) {
                sel[d] = NDArrayIndex.all();
            }
            INDArray g = t.get(sel);
            // callers close batches; a gather covering every row may come back as the cache itself or a view
            out[k] = (g == t || g.isView()) ? g.dup() : g;
        }
        return out;
    }

    public long bytes() {
        return taps.stream().mapToLong(t -> t.length() * t.dataType().width()).sum();
    }
}
