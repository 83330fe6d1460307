/**
 * Test time: per-scale errors, upsampling, aggregation, Gaussian smoothing, image score.
 */
package org.anomaly4j.scoring;
