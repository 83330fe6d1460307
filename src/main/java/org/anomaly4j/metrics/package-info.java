/**
 * Image AUROC, pixel AUROC, AUPRO (MVTec definition) and F1-max, exact and sort-based; DeLong intervals and the paired
 * bootstrap of an AUROC difference.
 */
package org.anomaly4j.metrics;
