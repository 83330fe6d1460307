package org.anomaly4j.config;

/**
 * Decoder shape.
 *
 * @param bottleneck channels of the fused, compressed embedding the decoder starts from
 * @param width      channels of the deepest decoder block; each shallower (finer) block has half of the one below
 * @param depth      3x3 convolutions per decoder block
 * @param batchNorm  batch normalisation after each decoder convolution
 */
public record DecoderConfig(int bottleneck, int width, int depth, boolean batchNorm) {
}
