package io.edgedeck.db;

import java.util.Objects;

/** A device announced itself online or offline (Last Will, availability topic, or silence). */
public record Availability(String deviceId, DeviceKind kind, boolean online, long epochMillis) {
    public Availability {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(kind, "kind");
    }
}
