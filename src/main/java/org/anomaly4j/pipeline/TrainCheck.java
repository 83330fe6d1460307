package org.anomaly4j.pipeline;

import org.anomaly4j.config.HfrConfig;
import org.anomaly4j.data.DatasetFactory;
import org.anomaly4j.data.DatasetSplits;
import org.anomaly4j.data.ImageSample;
import org.anomaly4j.data.ImageScreen;
import org.anomaly4j.model.encoder.Encoder;
import org.anomaly4j.model.encoder.EncoderCatalogue;
import org.anomaly4j.report.RunSummary;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What Train would train on, checked without training ({@code Train --dry-run}): the config resolves, every image and
 * mask decodes, the weights load, and the data warnings a run would give. Minutes spent here save an hour-long run that
 * fails at the end, or trains on the wrong folder. Writes nothing.
 */
public final class TrainCheck {
    private TrainCheck() {
    }

    /** {@code lines}: the summary to print; {@code warning}: what the run's report would warn of ("" when nothing). */
    public record Result(List<String> lines, String warning) {
    }

    public static Result run(HfrConfig cfg, boolean keepGoing) {
        DatasetSplits data = DatasetFactory.open(cfg.data());
        ImageScreen.Screened screened = ImageScreen.screen(data, cfg.data().imageSize(), keepGoing, cfg.data().cutting(),
                cfg.data().sampleBits());
        data = screened.splits();
        org.anomaly4j.data.ImagePieces.requireFit(data, cfg.data().cutting());
        Encoder encoder = EncoderCatalogue.build(cfg.model(), cfg.data().imageSize(), cfg.train().seed());
        List<String> lines = new ArrayList<>();
        lines.add("data: " + data.source());
        lines.add("train: " + data.train().size() + " normal images" + (cfg.data().maxTrainImages() > 0
                ? " (data.maxTrainImages " + cfg.data().maxTrainImages() + ")" : ""));
        lines.add("validation: " + data.validation().size() + " held-out normals" + (data.validationAnomalies().isEmpty()
                ? (data.validation().isEmpty() ? " (none: no thresholds will be stored)" : " plus copies with synthetic "
                + cfg.data().validationDefects() + " defects")
                : " and " + data.validationAnomalies().size() + " images of other classes"));
        Map<String, Integer> byType = new TreeMap<>();
        data.test().forEach(s -> byType.merge(s.defectType(), 1, Integer::sum));
        long anomalous = data.test().stream().filter(ImageSample::anomalous).count();
        lines.add("test: " + data.test().size() + " images, " + anomalous + " anomalous " + byType
                + (anomalous == 0 ? " (good images only: the run reports false positives at the stored threshold)"
                : data.hasMasks() ? ", with masks" : ", no masks (image-level metrics only)"));
        if (!screened.skipped().isEmpty()) {
            lines.add("skipped (--keep-going): " + screened.skipped().size() + " unreadable images");
        }
        lines.add("encoder: " + encoder.kind() + ", weights: " + encoder.weightsSource() + ", taps " + encoder.taps()
                + ", input " + cfg.data().imageSize() + " px" + (cfg.data().crop().isEmpty() ? "" : ", the region "
                + cfg.data().crop() + " of every image") + (cfg.data().tiles() > 1 ? ", each image in " + cfg.data().tiles()
                + " x " + cfg.data().tiles() + " tiles" : ""));
        lines.add("training: " + cfg.train().epochs() + " epochs, batch " + cfg.train().batchSize() + ", learning rate "
                + cfg.train().learningRate() + ", feature cache " + (cfg.train().featureCache() ? "on" : "off"));
        String warning = RunSummary.warnings(encoder.pretrained() ? "" : encoder.weightsSource(), screened.shapeWarning(),
                screened.rangeWarning(), screened.duplicateWarning());
        return new Result(lines, warning);
    }
}
