/**
 * Datasets: MVTec AD and plain-folder layouts, image and mask loading, the DataVec record reader, seeded splits (one-class: with other classes' held-out training images as validation anomalies), and the synthetic-defect generator (demo, tests, labelled validation).
 */
package org.anomaly4j.data;
