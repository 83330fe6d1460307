/**
 * Assembles the one ComputationGraph: frozen encoder, optional per-pixel L2 normalisation of the taps, decoder, K loss branches.
 * How it runs fast on a CPU: {@link org.anomaly4j.model.OneDnnHelpers} (DL4J's oneDNN layer helpers),
 * {@link org.anomaly4j.model.InferencePath} (encoder and decoder parts without the loss branches) and
 * {@link org.anomaly4j.model.ChannelsLast} (the encoder's forward pass in NHWC), run by
 * {@link org.anomaly4j.model.DirectNhwcForward} with its convolutions, pooling, activations and concatenations as
 * {@link org.anomaly4j.model.DirectOp}s (the ND4J ops DL4J calls, without its NHWC layer's wasted copy).
 */
package org.anomaly4j.model;
