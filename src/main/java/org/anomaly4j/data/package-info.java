/**
 * Datasets: MVTec AD and plain-folder layouts (test splits of good images only allowed), image and mask loading, cutting into pieces and tiles, the DataVec record reader, seeded splits (one-class: with other classes' held-out training images as validation anomalies), and the synthetic-defect generator (demo, tests, labelled validation).
 */
package org.anomaly4j.data;
