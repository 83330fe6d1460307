/**
 * Services behind the CLI: train-then-evaluate, evaluate a saved model, model.zip save/load with metadata,
 * the labelled validation set that settings and thresholds are chosen on, and the one-class suite.
 */
package org.anomaly4j.pipeline;
