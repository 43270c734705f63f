package io.edgedeck.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Device key → surrogate id (and kind), kept in memory. Loaded once at open; afterwards only the writer adds to it,
 * and only after its transaction committed, so readers never see an id that is not in the database.
 */
final class DeviceCache {
    record Entry(int id, DeviceKind kind) {
    }

    private final Map<String, Entry> byKey = new ConcurrentHashMap<>();
    private int maxId;

    void load(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, device_key, kind FROM device")) {
            while (rs.next()) {
                int id = rs.getInt(1);
                byKey.put(rs.getString(2), new Entry(id, DeviceKind.valueOf(rs.getString(3))));
                maxId = Math.max(maxId, id);
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

    int size() {
        return byKey.size();
    }
}
