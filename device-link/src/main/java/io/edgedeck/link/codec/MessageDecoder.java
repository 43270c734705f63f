package io.edgedeck.link.codec;

import io.edgedeck.db.IngestBatch;

/**
 * Turns one broker message into readings and availability changes of a device. Never throws for bad input: a
 * payload that cannot be decoded comes back as a batch holding one quarantined message with the reason.
 * Thread-safe.
 */
public final class MessageDecoder {
    public MessageDecoder(TopicMapping mapping) {
        throw new UnsupportedOperationException("TODO codec");
    }

    public IngestBatch decode(String topic, byte[] payload, long receivedMillis) {
        throw new UnsupportedOperationException("TODO codec");
    }
}
