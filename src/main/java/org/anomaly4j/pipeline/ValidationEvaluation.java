package org.anomaly4j.pipeline;

import org.anomaly4j.AnomalyException;
import org.anomaly4j.config.DataConfig;
import org.anomaly4j.config.ScoringConfig;
import org.anomaly4j.data.DatasetSplits;
import org.anomaly4j.data.ImageSample;
import org.anomaly4j.data.SyntheticValidationSet;
import org.anomaly4j.model.HfrModel;
import org.anomaly4j.model.InferencePath;
import org.anomaly4j.report.RunDirectory;
import org.anomaly4j.scoring.BaselineMap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores the labelled validation set, the only labelled set settings may be chosen on: the held-out
 * normals plus the dataset's own validation anomalies where it has them (one-class layout: other
 * classes' training images, image-level), else copies of the held-out normals with synthetic defects
 * and masks (MVTec and folder layouts).
 */
public final class ValidationEvaluation {
    private ValidationEvaluation() {
    }

    /** {@code description} says which validation set was scored, for the reports. */
    public record Result(EvaluationResult evaluation, String description) {
    }

    /** Null when the dataset has no validation normals. */
    public static Result run(HfrModel model, InferencePath path, ScoringConfig scoring, BaselineMap baseline,
                             DatasetSplits splits, DataConfig data) {
        if (splits.validation().isEmpty()) {
            return null;
        }
        if (!splits.validationAnomalies().isEmpty()) {
            List<ImageSample> set = new ArrayList<>(splits.validation());
            set.addAll(splits.validationAnomalies());
            return new Result(Evaluator.evaluate(model, path, scoring, baseline, set, false, data.cutting()),
                    splits.validation().size() + " held-out normals and " + splits.validationAnomalies().size()
                            + " held-out training images of the other classes");
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("anomaly4j-validation");
        } catch (IOException e) {
            throw new AnomalyException("cannot create a temporary folder for the validation set: " + e.getMessage(), e);
        }
        try {
            List<ImageSample> set = SyntheticValidationSet.build(splits.validation(), dir, data.seed(),
                    data.validationDefects(), data.validationCopies(), model.sampleBits(), data.cutting().crop());
            return new Result(Evaluator.evaluate(model, path, scoring, baseline, set, true, data.cutting()),
                    splits.validation().size() + " held-out normals plus "
                            + (data.validationCopies() == 1 ? "copies" : data.validationCopies() + " copies of each")
                            + " with synthetic " + String.join("/", data.validationDefects()) + " defects");
        } finally {
            RunDirectory.deleteTree(dir);
        }
    }
}
