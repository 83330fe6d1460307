/**
 * Run folders that appear only when complete, and the files written into them.
 */
package org.anomaly4j.report;
