package io.edgedeck.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.Map;

/**
 * Per resolution, the time before which retention has deleted everything ({@code history_state}); kept in memory for
 * the writer and the queries, changed only after the change committed.
 */
final class HistoryState {
    private final Map<Resolution, Long> purgedBefore = new EnumMap<>(Resolution.class);

    static HistoryState load(Connection c) throws SQLException {
        HistoryState s = new HistoryState();
        for (Resolution r : Resolution.values()) {
            s.purgedBefore.put(r, 0L);
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT name, val FROM history_state")) {
            while (rs.next()) {
                for (Resolution r : Resolution.values()) {
                    if (r.purgedKey().equals(rs.getString(1))) {
                        s.purgedBefore.put(r, rs.getLong(2));
                    }
                }
            }
        }
        return s;
    }

    /** Everything of this resolution before the returned time has been deleted (0: nothing). */
    synchronized long purgedBefore(Resolution r) {
        return purgedBefore.get(r);
    }

    /** Writes a new watermark in the caller's transaction; call {@link #set} after it committed. */
    static void write(Connection c, Resolution r, long before) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE history_state SET val = ? WHERE name = ?")) {
            ps.setLong(1, before);
            ps.setString(2, r.purgedKey());
            ps.executeUpdate();
        }
    }

    synchronized void set(Resolution r, long before) {
        purgedBefore.put(r, Math.max(before, purgedBefore.get(r)));
    }

    static boolean rollupsBuilt(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT val FROM history_state WHERE name = 'rollups_built'")) {
            return rs.next() && rs.getLong(1) != 0;
        }
    }

    static void markRollupsBuilt(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE history_state SET val = 1 WHERE name = 'rollups_built'");
        }
    }
}
