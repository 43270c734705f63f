package io.edgedeck.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The devices seen so far. The answers are exact as of the last commit that returned: the device table is written
 * behind (a later last seen reaches it every few seconds, see {@link RegistryUpdater}), so the in-memory state of
 * the writer is laid over it.
 */
public final class DeviceRegistry {
    private static final String COLUMNS = "device_key, kind, first_seen, last_seen, online";

    private final StoreConnections db;
    private final String location;

    private final DeviceCache cache;

    DeviceRegistry(StoreConnections db, DeviceCache cache, String location) {
        this.db = db;
        this.cache = cache;
        this.location = location;
    }

    /** All devices, ordered by id. */
    public List<DeviceRecord> all() {
        try (Connection c = db.reader();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + COLUMNS + " FROM device ORDER BY id")) {
            List<DeviceRecord> out = new ArrayList<>();
            while (rs.next()) {
                DeviceCache.Entry live = cache.get(rs.getString(1));
                out.add(live != null ? live.toRecord(rs.getString(1)) : record(rs));
            }
            return out;
        } catch (SQLException e) {
            throw StoreErrors.readFailed(location, e);
        }
    }

    public Optional<DeviceRecord> find(String deviceId) {
        DeviceCache.Entry live = deviceId == null ? null : cache.get(deviceId);
        if (live != null) {
            db.ensureOpen();
            return Optional.of(live.toRecord(deviceId));
        }
        try (Connection c = db.reader();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM device WHERE device_key = ?")) {
            ps.setString(1, deviceId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(record(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw StoreErrors.readFailed(location, e);
        }
    }

    /** Number of known devices. */
    public int count() {
        try (Connection c = db.reader();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM device")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw StoreErrors.readFailed(location, e);
        }
    }

    private static DeviceRecord record(ResultSet rs) throws SQLException {
        return new DeviceRecord(rs.getString(1), DeviceKind.valueOf(rs.getString(2)),
                Instant.ofEpochMilli(rs.getLong(3)), Instant.ofEpochMilli(rs.getLong(4)), rs.getBoolean(5));
    }
}
