/**
 * Assembles the one ComputationGraph: frozen encoder, optional per-pixel L2 normalisation of the taps, decoder, K loss branches.
 */
package org.anomaly4j.model;
