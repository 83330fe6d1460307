/**
 * Predict: scoring new images (files, folders, lists) with a trained model, labels at its stored
 * threshold, CSV and overlays; ground truth read off MVTec-style locations. {@link org.anomaly4j.predict.AnomalyDetector}
 * does the same for images in memory, from Java code.
 */
package org.anomaly4j.predict;
