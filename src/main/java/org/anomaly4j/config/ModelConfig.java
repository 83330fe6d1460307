package org.anomaly4j.config;

import java.util.List;

/**
 * Encoder and decoder settings.
 *
 * @param encoder               {@code squeezenet}, {@code vgg16}, {@code resnet50}, {@code darknet-tiny} or {@code tiny} (random, tests)
 * @param weights               explicit weights file; empty = resolve from {@code zoo-weights/}, then download
 * @param weightsDir            folder searched for weights files
 * @param allowUntrainedEncoder fall back to a randomly initialised encoder when no weights are found (demo only)
 * @param taps                  encoder vertices whose outputs are reconstructed; empty = the encoder's default
 * @param normalizeTaps         L2-normalise every tap along channels (per pixel) before the decoder sees it and
 *                              before it is reconstructed: balances channels and scales, and makes the MSE
 *                              branch a cosine-like loss at no training cost (the cache holds normalised taps)
 * @param tapNorm               with {@code normalizeTaps}: {@code rms} (every pixel's channel vector gets L2 norm
 *                              sqrt(channels), so elements have unit RMS, the scale the decoder trains well at) or
 *                              {@code unit} (L2 norm 1, as before 2026-11-30; the decoder then learned little
 *                              beyond the mean feature; kept for configs whose records were measured with it)
 * @param decoder               decoder shape
 */
public record ModelConfig(
        String encoder,
        String weights,
        String weightsDir,
        boolean allowUntrainedEncoder,
        List<String> taps,
        boolean normalizeTaps,
        String tapNorm,
        DecoderConfig decoder) {
}
