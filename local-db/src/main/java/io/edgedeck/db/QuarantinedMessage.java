package io.edgedeck.db;

import java.util.Objects;

/** A message that could not be decoded, kept with the reason instead of being dropped. */
public record QuarantinedMessage(String topic, byte[] payload, String reason, long receivedMillis) {
    public QuarantinedMessage {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(reason, "reason");
    }
}
