/**
 * Predict: scoring new images (files, folders, lists) with a trained model, labels at its stored
 * threshold, CSV and overlays; ground truth read off MVTec-style locations.
 */
package org.anomaly4j.predict;
