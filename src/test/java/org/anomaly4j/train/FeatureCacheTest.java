package org.anomaly4j.train;

import org.anomaly4j.config.ConfigLoader;
import org.anomaly4j.config.HfrConfig;
import org.anomaly4j.data.AnomalyImageRecordReader;
import org.anomaly4j.data.ImageSample;
import org.anomaly4j.data.SyntheticDefectGenerator;
import org.anomaly4j.model.HfrModel;
import org.anomaly4j.model.HfrModelBuilder;
import org.anomaly4j.model.InferencePath;
import org.anomaly4j.model.TapShape;
import org.anomaly4j.model.encoder.EncoderCatalogue;
import org.datavec.api.writable.NDArrayWritable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The cache holds each image's targets in its own row, whatever the batch size; its size is known before it fills. */
class FeatureCacheTest {
    @TempDir
    Path dir;

    @Test
    void everyRowHoldsItsOwnImagesTargets() throws Exception {
        Path data = new SyntheticDefectGenerator(48, 3).write(dir.resolve("data"), 7, 1, 1);
        List<ImageSample> samples;
        try (Stream<Path> files = Files.list(data.resolve("train/good"))) {
            samples = files.sorted().map(p -> new ImageSample(p, ImageSample.GOOD, null)).toList();
        }
        HfrConfig c = ConfigLoader.load(null, List.of("model.encoder=tiny", "model.decoder.width=16", "model.decoder.bottleneck=8"));
        HfrModel m = HfrModelBuilder.build(EncoderCatalogue.build(c.model(), 48, 1), c.model(), c.train(), 48);
        InferencePath path = new InferencePath(m, c.model(), c.train());

        // 7 images in batches of 3: the last batch is short
        FeatureCache cache = FeatureCache.compute(m, path, new AnomalyImageRecordReader(samples, 48), 3, "test");
        assertThat(cache.size()).isEqualTo(7);
        assertThat(cache.bytes()).isEqualTo(FeatureCache.bytesFor(m.taps(), 7, DataType.FLOAT));

        AnomalyImageRecordReader one = new AnomalyImageRecordReader(samples, 48);
        for (int i = 0; i < samples.size(); i++) {
            INDArray image = ((NDArrayWritable) one.next().get(AnomalyImageRecordReader.IMAGE)).get();
            Map<String, INDArray> expected = path.targets(m.preprocessing().apply(image));
            INDArray[] row = cache.batch(new int[]{i});
            for (int k = 0; k < m.taps().size(); k++) {
                TapShape t = m.taps().get(k);
                assertThat(row[k].shape()).containsExactly(1, t.channels(), t.height(), t.width());
                assertThat(row[k].sub(expected.get(t.name())).amaxNumber().doubleValue()).as("image " + i + " " + t.name())
                        .isLessThan(1e-5);
            }
        }
    }

    @Test
    void aCacheOverHalfTheMachinesMemoryIsWarnedAbout() {
        long gb = 1L << 30;
        assertThat(FeatureCache.memoryWarning(4 * gb, 16 * gb)).isEmpty();
        assertThat(FeatureCache.memoryWarning(9 * gb, 16 * gb)).contains("9.7 GB of this machine's 17.2 GB")
                .contains("train.featureCache=false");
        assertThat(FeatureCache.memoryWarning(9 * gb, 0)).as("memory unknown").isEmpty();
        assertThat(FeatureCache.bytesFor(List.of(new TapShape("a", 2, 3, 4), new TapShape("b", 5, 1, 1)), 10, DataType.FLOAT))
                .isEqualTo(10L * (24 + 5) * 4);
    }
}
