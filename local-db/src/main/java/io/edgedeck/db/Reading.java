package io.edgedeck.db;

import java.util.Map;
import java.util.Objects;

/**
 * One device's values at one instant. A reading is identified by (deviceId, epochMillis):
 * a redelivered reading with the same identity is stored once.
 *
 * @param values the metrics present in this reading (at least one)
 */
public record Reading(String deviceId, DeviceKind kind, long epochMillis, Map<Metric, Double> values) {
    public Reading {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(kind, "kind");
        values = Map.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a reading needs at least one value");
        }
    }

    public Double value(Metric metric) {
        return values.get(metric);
    }
}
