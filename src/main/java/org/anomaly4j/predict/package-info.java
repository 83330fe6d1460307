/**
 * Predict: scoring new images (files, folders, lists) with a trained model, labels at its stored
 * threshold (or the user's), CSV, overlays, a review page, defect masks and regions; ground truth read off
 * MVTec-style locations; a run stopped part way kept and resumed ({@link org.anomaly4j.predict.PredictJournal}).
 * {@link org.anomaly4j.predict.AnomalyDetector} does the same for images in memory, from Java code.
 */
package org.anomaly4j.predict;
