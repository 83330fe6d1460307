/**
 * The trainable decoder: fuse all taps into a narrow bottleneck, then one upsampling block and 1x1 head per tap.
 */
package org.anomaly4j.model.decoder;
