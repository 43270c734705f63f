package io.edgedeck.link.codec;

import io.edgedeck.db.Metric;

import java.util.Locale;

/** What a payload field means: a metric, the reading's time, or nothing (explicitly ignored). */
enum Field {
    VOLTAGE(Metric.VOLTAGE),
    CURRENT(Metric.CURRENT),
    POWER(Metric.POWER),
    ENERGY(Metric.ENERGY),
    RELAY(Metric.RELAY),
    TEMPERATURE(Metric.TEMPERATURE),
    HUMIDITY(Metric.HUMIDITY),
    TS(null),
    /** The payload's temperature unit for all its temperatures (Tasmota's {@code TempUnit}: C or F). */
    TEMP_UNIT(null),
    IGNORE(null);

    /** Alias targets accepted in mapping files, for error messages. */
    static final String TARGETS = "voltage, current, power, energy, relay, temperature, humidity, ts, temp_unit or ignore,"
            + " a metric may name a channel: power@2, or power@{n} when the field name holds {n}";

    private static final Field[] BY_METRIC = new Field[Metric.values().length];

    static {
        for (Field f : values()) {
            if (f.metric != null) {
                BY_METRIC[f.metric.ordinal()] = f;
            }
        }
    }

    final Metric metric;

    Field(Metric metric) {
        this.metric = metric;
    }

    static Field of(Metric metric) {
        return BY_METRIC[metric.ordinal()];
    }

    /** Parses an alias target ({@code relay_state} and {@code timestamp} are accepted as synonyms); null if unknown. */
    static Field fromTarget(String target) {
        if (target == null) {
            return null;
        }
        String t = target.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "ts", "timestamp" -> TS;
            case "ignore" -> IGNORE;
            case "temp_unit", "tempunit" -> TEMP_UNIT;
            case "relay_state" -> RELAY;
            default -> Metric.fromKey(t).map(Field::of).orElse(null);
        };
    }

    /** The canonical name of this target in a mapping file. */
    String key() {
        return metric != null ? metric.key() : name().toLowerCase(Locale.ROOT);
    }
}
