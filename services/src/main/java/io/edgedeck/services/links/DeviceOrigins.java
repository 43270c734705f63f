package io.edgedeck.services.links;

import io.edgedeck.db.Availability;
import io.edgedeck.db.CommitResult;
import io.edgedeck.db.IngestBatch;
import io.edgedeck.db.Reading;
import io.edgedeck.link.mqtt.IngestListener;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which connection each device was last heard on: relay commands go out through that connection, and the Devices
 * table shows it. Each connection's pipeline gets its own {@link #listenerFor listener}. Thread-safe.
 */
public final class DeviceOrigins {
    private final Map<String, String> connectionOf = new ConcurrentHashMap<>();
    private final AtomicLong version = new AtomicLong();

    /** Records the devices of every committed batch of {@code connection}. */
    public IngestListener listenerFor(String connection) {
        return (IngestBatch batch, CommitResult result) -> {
            for (Reading r : batch.readings()) heard(r.deviceId(), connection);
            for (Availability a : batch.availability()) heard(a.deviceId(), connection);
        };
    }

    /** {@code deviceId} was heard on {@code connection}. */
    public void heard(String deviceId, String connection) {
        String before = connectionOf.put(deviceId, connection);
        if (!connection.equals(before)) version.incrementAndGet();
    }

    /** The connection the device was last heard on. */
    public Optional<String> connectionOf(String deviceId) {
        return Optional.ofNullable(connectionOf.get(deviceId));
    }

    /** Changes whenever a device is heard on a connection it was not heard on before (to refresh a table cheaply). */
    public long version() {
        return version.get();
    }
}
