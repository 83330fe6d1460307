/**
 * Run configuration: YAML bound to records over built-in defaults, {@code --set} overrides, strict keys and types, validation that reports every problem with its key.
 */
package org.anomaly4j.config;
