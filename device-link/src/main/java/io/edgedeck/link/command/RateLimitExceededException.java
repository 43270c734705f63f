package io.edgedeck.link.command;

import java.time.Duration;

/** A command refused before signing because its device had too many in the last minute. */
public final class RateLimitExceededException extends RuntimeException {
    private final String deviceId;
    private final Duration retryAfter;

    RateLimitExceededException(String deviceId, int limit, Duration window, Duration retryAfter) {
        super(deviceId + " already had " + limit + " commands in the last " + windowText(window) + "; next allowed in "
                + Math.max(1, (retryAfter.toMillis() + 999) / 1000) + " s");
        this.deviceId = deviceId;
        this.retryAfter = retryAfter;
    }

    public String deviceId() {
        return deviceId;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    private static String windowText(Duration window) {
        return window.equals(Duration.ofMinutes(1)) ? "minute" : window.toSeconds() + " s";
    }
}
