/**
 * Assembles the one ComputationGraph: frozen encoder, optional per-pixel L2 normalisation of the taps, decoder, K loss branches.
 * How it runs fast on a CPU: {@link org.anomaly4j.model.OneDnnHelpers} (DL4J's oneDNN layer helpers),
 * {@link org.anomaly4j.model.InferencePath} (encoder and decoder parts without the loss branches) and
 * {@link org.anomaly4j.model.ChannelsLast} (the encoder's forward pass in NHWC).
 */
package org.anomaly4j.model;
