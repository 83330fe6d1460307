/**
 * picocli commands and the error-to-exit-code policy; no DL4J code here.
 */
package org.anomaly4j.cli;
