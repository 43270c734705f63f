package io.edgedeck.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The device row's first/last seen times: every stored reading of the device lies within them (the writer keeps them
 * as the minimum and maximum of all times seen), so they bound searches without scanning the device's history.
 */
record DeviceBounds(long firstSeen, long lastSeen) {
    static DeviceBounds of(Connection c, int device) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT first_seen, last_seen FROM device WHERE id = ?")) {
            ps.setInt(1, device);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new DeviceBounds(rs.getLong(1), rs.getLong(2)) : null;
            }
        }
    }
}
