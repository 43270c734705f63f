package io.edgedeck.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** Writes one batch's {@link DeviceActivity} into the device table (inside the writer's transaction). */
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

    static Result apply(Connection c, DeviceCache cache, Map<String, DeviceActivity.Device> activity)
            throws SQLException {
        Map<String, Integer> ids = new HashMap<>(activity.size() * 2);
        Map<String, DeviceCache.Entry> changed = new HashMap<>();
        try (PreparedStatement insert = c.prepareStatement(INSERT);
             PreparedStatement update = c.prepareStatement(UPDATE)) {
            int inserts = 0;
            int updates = 0;
            for (DeviceActivity.Device d : activity.values()) {
                DeviceCache.Entry known = cache.get(d.key);
                if (known == null) {
                    int id = cache.nextId();
                    insert.setInt(1, id);
                    insert.setString(2, d.key);
                    insert.setString(3, d.kind.name());
                    insert.setLong(4, d.firstSeen);
                    insert.setLong(5, d.lastSeen);
                    insert.setBoolean(6, d.online);
                    insert.addBatch();
                    inserts++;
                    ids.put(d.key, id);
                    changed.put(d.key, new DeviceCache.Entry(id, d.kind));
                } else {
                    DeviceKind kind = known.kind() == DeviceKind.GENERIC ? d.kind : known.kind();
                    update.setLong(1, d.firstSeen);
                    update.setLong(2, d.lastSeen);
                    update.setBoolean(3, d.online);
                    update.setString(4, kind.name());
                    update.setInt(5, known.id());
                    update.addBatch();
                    updates++;
                    ids.put(d.key, known.id());
                    if (kind != known.kind()) {
                        changed.put(d.key, new DeviceCache.Entry(known.id(), kind));
                    }
                }
            }
            if (inserts > 0) {
                insert.executeBatch();
            }
            if (updates > 0) {
                update.executeBatch();
            }
        }
        return new Result(ids, changed);
    }
}
