package org.anomaly4j.model;

import org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns on DL4J's oneDNN layer helpers (convolution, pooling, batch norm) for the CPU backend.
 * DL4J 1.0.0-M2.1 disables all layer helpers unless the system property {@value #PROPERTY} is
 * {@code false}, and even then drops them because of a class-name mismatch that
 * {@code org.nd4j.nativeblas.Nd4jCpu} works around. Together with the {@code -onednn} native ND4J
 * build (the pom's default classifier) this makes convolutions 3-4x faster on x86 CPUs. Users can
 * still switch them off with {@code -Dorg.eclipse.deeplearning4j.helpers.disable=true}. Layers read
 * the property when they are created, so this runs before any graph is built or restored.
 */
public final class OneDnnHelpers {
    public static final String PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";
    private static final Logger LOG = LoggerFactory.getLogger(OneDnnHelpers.class);

    private OneDnnHelpers() {
    }

    /** Allows the helpers unless the user set {@value #PROPERTY} explicitly; idempotent. */
    public static synchronized void enable() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, "false");
            LOG.debug("oneDNN layer helpers: {}", describe());
        }
    }

    /** Whether newly created DL4J layers will use the oneDNN helpers. */
    public static boolean active() {
        return allowed() && BaseMKLDNNHelper.mklDnnEnabled();
    }

    /** One line for reports: on/off and why. */
    public static String describe() {
        if (!allowed()) {
            return "off (" + PROPERTY + "=true)";
        }
        return BaseMKLDNNHelper.mklDnnEnabled() ? "on" : "off (the native ND4J build has no oneDNN: use the -onednn classifier)";
    }

    /** DL4J's own default for an unset property is "disabled". */
    private static boolean allowed() {
        return !Boolean.parseBoolean(System.getProperty(PROPERTY, "true"));
    }
}
