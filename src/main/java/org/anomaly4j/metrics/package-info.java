/**
 * Image AUROC, pixel AUROC, AUPRO (MVTec definition) and F1-max, exact and sort-based.
 */
package org.anomaly4j.metrics;
