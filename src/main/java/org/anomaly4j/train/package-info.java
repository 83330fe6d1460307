/**
 * The training loop (best epoch on validation), the encoder-feature cache and progress bars.
 */
package org.anomaly4j.train;
