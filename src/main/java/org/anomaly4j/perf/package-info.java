/**
 * The performance benchmark: per-encoder probes in separate JVMs and the PyTorch comparison.
 */
package org.anomaly4j.perf;
