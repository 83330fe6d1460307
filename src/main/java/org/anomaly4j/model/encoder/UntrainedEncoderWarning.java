package org.anomaly4j.model.encoder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The loud warning printed when an encoder runs without ImageNet weights. */
final class UntrainedEncoderWarning {
    private static final Logger LOG = LoggerFactory.getLogger(UntrainedEncoderWarning.class);

    private UntrainedEncoderWarning() {
    }

    static String describe(String kind, String why) {
        String msg = "UNTRAINED ENCODER: " + kind + " runs with RANDOM weights (" + why + "). Results are NOT"
                + " representative of the method. Put the ImageNet weights into zoo-weights/ (see zoo-weights/README.md).";
        String bar = "!".repeat(100);
        LOG.warn("\n{}\n{}\n{}", bar, msg, bar);
        return msg;
    }
}
