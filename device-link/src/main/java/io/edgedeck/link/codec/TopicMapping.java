package io.edgedeck.link.codec;

import java.nio.file.Path;
import java.util.List;

/**
 * Configuration that maps topics to devices and payload formats: an ordered list of rules such as
 * {@code smartplug/{device_id}/telemetry -> PLUG, json}. Loaded from JSON; {@link #defaults()} recognises the
 * formats of the product brief on their usual topics.
 */
public final class TopicMapping {
    public static TopicMapping defaults() {
        throw new UnsupportedOperationException("TODO codec");
    }

    /** Reads a mapping file (JSON); a malformed file gives an IllegalArgumentException naming the problem. */
    public static TopicMapping load(Path file) {
        throw new UnsupportedOperationException("TODO codec");
    }

    /** The MQTT topic filters to subscribe to (e.g. {@code smartplug/+/telemetry}). */
    public List<String> subscriptionFilters() {
        throw new UnsupportedOperationException("TODO codec");
    }
}
