package org.anomaly4j.config;

/**
 * Decoder shape.
 *
 * @param bottleneck channels of the fused, compressed embedding the decoder starts from
 * @param width      channels of the deepest decoder block; each shallower (finer) block has half of the one below
 * @param depth      3x3 convolutions per decoder block
 * @param batchNorm  batch normalisation after each decoder convolution
 * @param bottleneckStride spatial compression of the bottleneck below the deepest tap's resolution
 *                   (1: none, only channels are compressed; 2 or 4: the bottleneck convolution
 *                   strides and the decoder upsamples back, so it must rebuild the deepest tap from
 *                   a coarser code, as one-class bottlenecks in reverse distillation do)
 */
public record DecoderConfig(int bottleneck, int width, int depth, boolean batchNorm, int bottleneckStride) {
}
