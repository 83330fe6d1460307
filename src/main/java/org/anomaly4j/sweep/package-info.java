/**
 * Arbiter sweeps: the config as an Arbiter parameter space, a task that runs an ordinary Train per
 * candidate, the validation-AUROC score, and the sweep table with the best config.
 */
package org.anomaly4j.sweep;
