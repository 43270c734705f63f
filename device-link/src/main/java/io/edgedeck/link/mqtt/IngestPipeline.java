package io.edgedeck.link.mqtt;

import io.edgedeck.db.TelemetryWriter;
import io.edgedeck.link.codec.MessageDecoder;
import io.edgedeck.link.codec.TopicMapping;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Broker -> decoder -> batched commits -> acknowledgement. Subscribes to the mapping's filters at QoS 1 with manual
 * acknowledgement; a message is acknowledged only after the transaction holding its rows committed.
 */
public final class IngestPipeline implements LiveFeed, AutoCloseable {
    public IngestPipeline(BrokerSettings settings, TopicMapping mapping, TelemetryWriter writer) {
        throw new UnsupportedOperationException("TODO mqtt");
    }

    /** Connects and subscribes; throws {@link LinkException} with a readable message if the broker cannot be reached within the timeout. */
    public void start(Duration connectTimeout) {
        throw new UnsupportedOperationException("TODO mqtt");
    }

    @Override
    public void addListener(IngestListener listener) {
        throw new UnsupportedOperationException("TODO mqtt");
    }

    /** Told of every state change (on a client thread). */
    @Override
    public void addStateListener(Consumer<LinkState> listener) {
        throw new UnsupportedOperationException("TODO mqtt");
    }

    @Override
    public IngestStats stats() {
        throw new UnsupportedOperationException("TODO mqtt");
    }

    /** Stops receiving, commits and acknowledges what is in flight, disconnects. */
    @Override
    public void close() {
        throw new UnsupportedOperationException("TODO mqtt");
    }
}
