package io.edgedeck.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Applies one batch's {@link DeviceActivity} to the device registry: computes each device's new state (published to
 * the {@link DeviceCache} once the transaction committed) and writes the device rows that must change now, inside the
 * writer's transaction.
 *
 * <p>Write-behind: a row is written when the device is new, its kind or online state changes, or its first seen
 * moves earlier — or when only its last seen advanced and the row was last written {@code flushMillis} or more ago.
 * Rewriting every active device's row in every commit cost as many row writes as half the readings (100 plugs,
 * ~200 messages per commit); readers in this process get the exact state from the cache (see DeviceRegistry).
 */
final class RegistryUpdater {
    private static final String INSERT =
            "INSERT INTO device (id, device_key, kind, first_seen, last_seen, online) VALUES (?, ?, ?, ?, ?, ?)";
    private static final String UPDATE = "UPDATE device SET first_seen = LEAST(first_seen, ?),"
            + " last_seen = GREATEST(last_seen, ?), online = ?, kind = ? WHERE id = ?";

    /** The outcome: every device's id, and the cache entries to publish once the transaction has committed. */
    record Result(Map<String, Integer> ids, Map<String, DeviceCache.Entry> changed) {
    }

    private RegistryUpdater() {
    }

    static Result apply(Connection c, DeviceCache cache, Map<String, DeviceActivity.Device> activity,
                        long flushMillis) throws SQLException {
        Map<String, Integer> ids = new HashMap<>(activity.size() * 2);
        Map<String, DeviceCache.Entry> changed = new HashMap<>(activity.size() * 2);
        long now = System.nanoTime();
        long flushNanos = flushMillis * 1_000_000L;
        PreparedStatement insert = null;
        PreparedStatement update = null;
        try {
            for (DeviceActivity.Device d : activity.values()) {
                DeviceCache.Entry known = cache.get(d.key);
                if (known == null) {
                    int id = cache.nextId();
                    if (insert == null) {
                        insert = c.prepareStatement(INSERT);
                    }
                    insert.setInt(1, id);
                    insert.setString(2, d.key);
                    insert.setString(3, d.kind.name());
                    insert.setLong(4, d.firstSeen);
                    insert.setLong(5, d.lastSeen);
                    insert.setBoolean(6, d.online);
                    insert.addBatch();
                    ids.put(d.key, id);
                    changed.put(d.key, new DeviceCache.Entry(id, d.kind, d.firstSeen, d.lastSeen, d.online,
                            d.lastSeen, now));
                    continue;
                }
                ids.put(d.key, known.id());
                DeviceKind kind = known.kind() == DeviceKind.GENERIC ? d.kind : known.kind();
                long first = Math.min(known.firstSeen(), d.firstSeen);
                long last = Math.max(known.lastSeen(), d.lastSeen);
                boolean mustWrite = kind != known.kind() || first != known.firstSeen() || d.online != known.online()
                        || (last > known.persistedLastSeen() && now - known.writtenNanos() >= flushNanos);
                if (mustWrite) {
                    if (update == null) {
                        update = c.prepareStatement(UPDATE);
                    }
                    update.setLong(1, first);
                    update.setLong(2, last);
                    update.setBoolean(3, d.online);
                    update.setString(4, kind.name());
                    update.setInt(5, known.id());
                    update.addBatch();
                    changed.put(d.key, new DeviceCache.Entry(known.id(), kind, first, last, d.online, last, now));
                } else if (last != known.lastSeen()) {
                    changed.put(d.key, new DeviceCache.Entry(known.id(), kind, first, last, d.online,
                            known.persistedLastSeen(), known.writtenNanos()));
                }
            }
            if (insert != null) {
                insert.executeBatch();
            }
            if (update != null) {
                update.executeBatch();
            }
        } finally {
            if (insert != null) {
                insert.close();
            }
            if (update != null) {
                update.close();
            }
        }
        return new Result(ids, changed);
    }

    /**
     * Writes every device whose last seen is newer than its row (at close). Returns how many rows were written; the
     * caller commits and then publishes {@code flushed} to the cache.
     */
    static int flushAll(Connection c, DeviceCache cache, Map<String, DeviceCache.Entry> flushed) throws SQLException {
        long now = System.nanoTime();
        try (PreparedStatement update = c.prepareStatement("UPDATE device SET last_seen = GREATEST(last_seen, ?) WHERE id = ?")) {
            int n = 0;
            for (Map.Entry<String, DeviceCache.Entry> e : cache.entries().entrySet()) {
                DeviceCache.Entry d = e.getValue();
                if (d.lastSeen() > d.persistedLastSeen()) {
                    update.setLong(1, d.lastSeen());
                    update.setInt(2, d.id());
                    update.addBatch();
                    flushed.put(e.getKey(), new DeviceCache.Entry(d.id(), d.kind(), d.firstSeen(), d.lastSeen(),
                            d.online(), d.lastSeen(), now));
                    n++;
                }
            }
            if (n > 0) {
                update.executeBatch();
            }
            return n;
        }
    }
}
