/**
 * Per-tap weighted reconstruction branches (MSE, cosine or both) from built-in DL4J layers and vertices.
 */
package org.anomaly4j.loss;
