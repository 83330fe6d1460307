package org.anomaly4j.model;

/** Name and activation shape (channels, height, width) of one encoder tap. */
public record TapShape(String name, int channels, int height, int width) {
}
