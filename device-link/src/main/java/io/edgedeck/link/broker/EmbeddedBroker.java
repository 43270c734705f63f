package io.edgedeck.link.broker;

import java.net.URI;

/** An in-process MQTT broker (HiveMQ CE) on localhost, for the embedded default and for tests. */
public final class EmbeddedBroker implements AutoCloseable {
    /** Starts on the given port on 127.0.0.1 (0 = any free port). Blocks until it accepts connections. */
    public static EmbeddedBroker start(int port) {
        throw new UnsupportedOperationException("TODO broker");
    }

    public int port() {
        throw new UnsupportedOperationException("TODO broker");
    }

    /** {@code tcp://127.0.0.1:PORT} */
    public URI uri() {
        throw new UnsupportedOperationException("TODO broker");
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("TODO broker");
    }
}
