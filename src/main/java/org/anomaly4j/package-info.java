/**
 * anomaly4j: unsupervised image anomaly detection and localisation on Deeplearning4j (hierarchical feature reconstruction). Entry points are in the default package (Train, Evaluate); the user-fixable error type and versions live here.
 */
package org.anomaly4j;
