package io.edgedeck.views.history;

import java.time.Duration;

/** The History screen's time ranges; CUSTOM takes the from/to dates. */
public enum RangePreset {
    HOUR("1 h", Duration.ofHours(1)),
    DAY("24 h", Duration.ofDays(1)),
    WEEK("7 d", Duration.ofDays(7)),
    MONTH("30 d", Duration.ofDays(30)),
    YEAR("1 y", Duration.ofDays(365)),
    CUSTOM("Custom", null);

    private final String label;
    private final Duration length;

    RangePreset(String label, Duration length) {
        this.label = label;
        this.length = length;
    }

    /** The range's length, null for CUSTOM. */
    public Duration length() {
        return length;
    }

    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
