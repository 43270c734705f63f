package io.edgedeck.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every device's registry state, kept in memory: surrogate id, kind, first/last seen, online. Loaded once at open;
 * afterwards only the writer changes it, and only after its transaction committed, so readers never see an id that
 * is not in the database.
 *
 * <p>This is the registry's authoritative copy while the store is open: the device table is written behind it (see
 * {@link RegistryUpdater}) — at once for a new device, a new kind, an earlier first seen or an online change, but a
 * later last seen only every {@link TelemetryWriter#REGISTRY_FLUSH_MILLIS} per device and at close. At open the
 * last-seen times are repaired from the reading table (which has the exact times), so after a crash only a last seen
 * that came from an availability message alone can lag, by at most that interval.
 */
final class DeviceCache {
    /**
     * One device. {@code persistedLastSeen} is the last seen value the device row holds and {@code writtenNanos} when
     * the row was last written ({@link System#nanoTime()}); both matter only to the writer.
     */
    record Entry(int id, DeviceKind kind, long firstSeen, long lastSeen, boolean online, long persistedLastSeen,
                 long writtenNanos) {
        DeviceRecord toRecord(String key) {
            return new DeviceRecord(key, kind, Instant.ofEpochMilli(firstSeen), Instant.ofEpochMilli(lastSeen), online);
        }
    }

    private final Map<String, Entry> byKey = new ConcurrentHashMap<>();
    private int maxId;

    /**
     * Loads the device table; a last seen older than the device's newest stored reading (the process ended before the
     * row was written) is corrected in memory and in the table (the caller commits).
     */
    void load(Connection c) throws SQLException {
        long now = System.nanoTime();
        List<int[]> ids = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, device_key, kind, first_seen, last_seen, online FROM device")) {
            while (rs.next()) {
                int id = rs.getInt(1);
                long last = rs.getLong(5);
                byKey.put(rs.getString(2), new Entry(id, DeviceKind.valueOf(rs.getString(3)), rs.getLong(4), last,
                        rs.getBoolean(6), last, now));
                maxId = Math.max(maxId, id);
            }
        }
        if (byKey.isEmpty()) {
            return;
        }
        // the device's key range walked backwards from its end: one step on the primary key per device
        try (PreparedStatement newest = c.prepareStatement(
                "SELECT ts FROM reading WHERE k >= ? AND k < ? ORDER BY k DESC LIMIT 1");
             PreparedStatement update = c.prepareStatement("UPDATE device SET last_seen = ? WHERE id = ?")) {
            int repaired = 0;
            for (Map.Entry<String, Entry> e : byKey.entrySet()) {
                Entry d = e.getValue();
                newest.setLong(1, ReadingKey.lower(d.id(), Long.MIN_VALUE));
                newest.setLong(2, ReadingKey.lower(d.id(), Long.MAX_VALUE));
                try (ResultSet rs = newest.executeQuery()) {
                    if (rs.next() && rs.getLong(1) > d.lastSeen()) {
                        long last = rs.getLong(1);
                        e.setValue(new Entry(d.id(), d.kind(), d.firstSeen(), last, d.online(), last, now));
                        update.setLong(1, last);
                        update.setInt(2, d.id());
                        update.addBatch();
                        repaired++;
                    }
                }
            }
            if (repaired > 0) {
                update.executeBatch();
            }
        }
    }

    Entry get(String deviceKey) {
        return byKey.get(deviceKey);
    }

    /** The id for a new device; only the writer calls this, under its lock. */
    int nextId() {
        return ++maxId;
    }

    /** After a rollback: ids handed out by {@link #nextId()} since {@code mark} are free again. */
    void resetIds(int mark) {
        maxId = mark;
    }

    int idMark() {
        return maxId;
    }

    /** Publishes committed entries (new devices, or a kind that changed). */
    void putAll(Map<String, Entry> committed) {
        byKey.putAll(committed);
    }

    /** All entries (a live view; each entry is an immutable snapshot of one device). */
    Map<String, Entry> entries() {
        return byKey;
    }

    int size() {
        return byKey.size();
    }
}
