package io.edgedeck.link.mqtt;

import java.util.Objects;

/**
 * One message as the {@link TopicTap} saw it.
 *
 * @param payload        the payload's first {@link TopicTap#MAX_PAYLOAD_BYTES} bytes at most (for display)
 * @param payloadSize    the payload's full size in bytes
 * @param qos            the QoS it was delivered with (the tap subscribes at QoS 0, so 0)
 * @param receivedMillis when the tap received it
 */
public record TappedMessage(String topic, byte[] payload, int payloadSize, boolean retained, int qos,
                            long receivedMillis) {
    public TappedMessage {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
    }

    /** True when only the first part of the payload was kept. */
    public boolean truncated() {
        return payload.length < payloadSize;
    }
}
