/**
 * Services behind the CLI: train-then-evaluate, evaluate a saved model, model.zip save/load with metadata.
 */
package org.anomaly4j.pipeline;
