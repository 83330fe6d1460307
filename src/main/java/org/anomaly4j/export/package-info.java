/**
 * Export: the trained graph plus the scoring head (errors, upsampling, aggregation, smoothing, max) built
 * from DL4J layers with fixed weights, and its metadata, as one zip for DL4J apps without anomaly4j.
 */
package org.anomaly4j.export;
