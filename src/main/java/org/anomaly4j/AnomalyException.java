package org.anomaly4j;

/**
 * A problem the user can fix (bad path, bad config, bad image, missing weights). The CLI prints
 * only its message, which names the file or key and says what to do; anything else is a bug and
 * gets a stack trace with {@code --verbose}.
 */
public class AnomalyException extends RuntimeException {
    public AnomalyException(String message) {
        super(message);
    }

    public AnomalyException(String message, Throwable cause) {
        super(message, cause);
    }
}
