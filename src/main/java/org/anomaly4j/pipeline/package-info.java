/**
 * Services behind the CLI: train-then-evaluate (and its dry run), evaluate a saved model, model.zip save/load with
 * metadata, the labelled validation set that settings and thresholds are chosen on, the comparison of two runs on it,
 * and the suites (resumable): one-class, MVTec, and training-set size (how many good images a line needs).
 */
package org.anomaly4j.pipeline;
