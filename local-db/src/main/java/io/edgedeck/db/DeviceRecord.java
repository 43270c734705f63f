package io.edgedeck.db;

import java.time.Instant;

/** A device as the registry knows it. {@code lastSeen} is the time of its newest message. */
public record DeviceRecord(String id, DeviceKind kind, Instant firstSeen, Instant lastSeen, boolean online) {
}
