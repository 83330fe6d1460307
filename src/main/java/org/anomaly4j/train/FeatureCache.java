package org.anomaly4j.train;

import me.tongfei.progressbar.ProgressBar;
import org.anomaly4j.data.AnomalyImageRecordReader;
import org.anomaly4j.data.ImageBatches;
import org.anomaly4j.model.HfrModel;
import org.anomaly4j.model.InferencePath;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.indexing.SpecifiedIndex;

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
    private final List<INDArray> taps;
    private final int size;

    private FeatureCache(List<INDArray> taps, int size) {
        this.taps = taps;
        this.size = size;
    }

    public static FeatureCache compute(HfrModel model, InferencePath path, AnomalyImageRecordReader reader, int batchSize, String task) {
        List<List<INDArray>> parts = new ArrayList<>();
        model.taps().forEach(t -> parts.add(new ArrayList<>()));
        reader.reset();
        int offset = 0;
        try (ProgressBar pb = Progress.bar(task, reader.size())) {
            while (reader.hasNext()) {
                ImageBatches.Batch b = ImageBatches.next(reader, offset, batchSize);
                INDArray input = model.preprocessing().apply(b.images());
                Map<String, INDArray> acts = path.targets(input);
                for (int k = 0; k < model.taps().size(); k++) {
                    parts.get(k).add(acts.get(model.taps().get(k).name()));
                }
                b.close();
                input.close();
                offset += b.labels().length;
                pb.stepBy(b.labels().length);
            }
        }
        List<INDArray> stacked = new ArrayList<>();
        for (List<INDArray> p : parts) {
            INDArray all = p.size() == 1 ? p.get(0) : Nd4j.concat(0, p.toArray(INDArray[]::new));
            stacked.add(all);
            p.forEach(a -> {
                if (a != all && a.closeable()) {
                    a.close();
                }
            });
        }
        return new FeatureCache(stacked, offset);
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
