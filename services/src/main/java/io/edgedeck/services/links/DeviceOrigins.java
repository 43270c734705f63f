package io.edgedeck.services.links;

import io.edgedeck.db.Availability;
import io.edgedeck.db.CommitResult;
import io.edgedeck.db.IngestBatch;
import io.edgedeck.db.Reading;
import io.edgedeck.link.mqtt.IngestListener;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which connection each device was last heard on: relay commands go out through that connection, and the Devices
 * table shows it. Each connection's pipeline gets its own {@link #listenerFor listener}. What was heard before a
 * restart comes back through {@link #restore} ({@link RememberedOrigins} keeps it in a file); a remembered connection
 * whose profile was deleted or renamed since is {@link Origin#gone() gone}: shown as "was NAME", never routed to.
 * Thread-safe.
 */
public final class DeviceOrigins {
    private final Map<String, String> connectionOf = new ConcurrentHashMap<>();
    private final AtomicLong version = new AtomicLong();
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();
    /** Lower-case names of the connections that no longer exist. */
    private volatile Set<String> gone = Set.of();

    /** The connection a device was last heard on; {@code gone} when no connection of that name exists any more. */
    public record Origin(String connection, boolean gone) {
        /** What the Devices table shows: the connection's name, or "was NAME" when it is gone. */
        public String label() {
            return gone ? "was " + connection : connection;
        }
    }

    /** Records the devices of every committed batch of {@code connection}. */
    public IngestListener listenerFor(String connection) {
        return (IngestBatch batch, CommitResult result) -> {
            for (Reading r : batch.readings()) heard(r.deviceId(), connection);
            for (Availability a : batch.availability()) heard(a.deviceId(), connection);
        };
    }

    /** {@code deviceId} was heard on {@code connection} (which therefore exists). */
    public void heard(String deviceId, String connection) {
        String before = connectionOf.put(deviceId, connection);
        if (!gone.isEmpty()) exists(connection);
        if (!connection.equals(before)) {
            version.incrementAndGet();
            changeListeners.forEach(Runnable::run);
        }
    }

    /**
     * What was heard before a restart; a device heard since keeps its newer connection. Not a change to save again
     * (the listeners are not called), but the table refreshes.
     */
    public void restore(Map<String, String> remembered) {
        remembered.forEach(connectionOf::putIfAbsent);
        version.incrementAndGet();
    }

    /**
     * A profile was renamed: every device remembered on {@code from} (any case) is on {@code to} from now on. Nothing
     * else changes (not the {@link #onChange} listeners: {@link RememberedOrigins#renamed} writes at once).
     *
     * @return how many devices were moved
     */
    public int renamed(String from, String to) {
        if (from.equals(to)) return 0;
        int moved = 0;
        for (Map.Entry<String, String> e : connectionOf.entrySet()) {
            if (key(e.getValue()).equals(key(from)) && connectionOf.replace(e.getKey(), e.getValue(), to)) moved++;
        }
        if (moved > 0) version.incrementAndGet();
        return moved;
    }

    /**
     * The connections that exist now (profiles and live connections, any case); remembered origins naming another
     * connection are {@link Origin#gone() gone} from now on, until a device is heard on it again.
     */
    public synchronized void existingConnections(Collection<String> names) {
        Set<String> existing = new HashSet<>();
        names.forEach(n -> existing.add(key(n)));
        Set<String> nowGone = new HashSet<>();
        connectionOf.values().forEach(c -> {
            if (!existing.contains(key(c))) nowGone.add(key(c));
        });
        if (!nowGone.equals(gone)) {
            gone = Set.copyOf(nowGone);
            version.incrementAndGet();
        }
    }

    private synchronized void exists(String connection) {
        String k = key(connection);
        if (!gone.contains(k)) return;
        Set<String> rest = new HashSet<>(gone);
        rest.remove(k);
        gone = Set.copyOf(rest);
        version.incrementAndGet();
    }

    /** The connection the device was last heard on, gone or not. */
    public Optional<String> connectionOf(String deviceId) {
        return Optional.ofNullable(connectionOf.get(deviceId));
    }

    /** The connection the device was last heard on, and whether it still exists. */
    public Optional<Origin> origin(String deviceId) {
        String c = connectionOf.get(deviceId);
        return c == null ? Optional.empty() : Optional.of(new Origin(c, gone.contains(key(c))));
    }

    /** Every device's connection, sorted by device id (what {@link RememberedOrigins} writes). */
    public Map<String, String> snapshot() {
        return new TreeMap<>(connectionOf);
    }

    /**
     * Runs {@code listener} (on the thread that heard it) whenever a device is heard on a connection it was not heard
     * on before: a new device, or one that moved to another broker.
     */
    public void onChange(Runnable listener) {
        changeListeners.add(listener);
    }

    /** Changes whenever what {@link #origin} answers may have changed (to refresh a table cheaply). */
    public long version() {
        return version.get();
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
