package io.edgedeck.db;

import java.util.Arrays;
import java.util.Optional;

/** The measured quantities EdgeDeck stores, each one column of the reading table. */
public enum Metric {
    VOLTAGE("voltage", "V"),
    CURRENT("current", "A"),
    POWER("power", "W"),
    ENERGY("energy", "kWh"),
    /** Relay state as 1 (on) or 0 (off). */
    RELAY("relay", ""),
    TEMPERATURE("temperature", "°C"),
    HUMIDITY("humidity", "%RH");

    private final String key;
    private final String unit;

    Metric(String key, String unit) {
        this.key = key;
        this.unit = unit;
    }

    /** Lower-case name used in payloads, CSV headers and the database column. */
    public String key() {
        return key;
    }

    public String unit() {
        return unit;
    }

    public static Optional<Metric> fromKey(String key) {
        return Arrays.stream(values()).filter(m -> m.key.equalsIgnoreCase(key)).findFirst();
    }
}
