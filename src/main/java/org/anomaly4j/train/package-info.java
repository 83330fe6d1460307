/**
 * The training loop (best epoch on validation, early stopping), per-epoch checkpoints and resume,
 * the encoder-feature cache, DL4J training-UI statistics and progress bars.
 */
package org.anomaly4j.train;
