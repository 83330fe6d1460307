package org.anomaly4j;

/** Versions recorded in every report and model. */
public final class Versions {
    public static final String ANOMALY4J = "0.1.0-SNAPSHOT";
    public static final String DL4J = "1.0.0-M2.1";

    private Versions() {
    }
}
