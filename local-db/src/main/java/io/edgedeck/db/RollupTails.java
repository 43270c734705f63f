package io.edgedeck.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per device, the newest stored reading time and the newest stored power and energy-counter values: what readings
 * arriving in time order need to be rolled up without asking the database (they are new, and their energy interval
 * starts at the tail). Loaded from the reading table the first time a device is seen after open; changed only
 * after a commit succeeded ({@link Pending#apply}). Used by the writer, under its lock.
 */
final class RollupTails {
    /** No reading stored yet. */
    static final long NONE = -1;
    private static final EnergyIntervals.Point ABSENT = new EnergyIntervals.Point(NONE, Double.NaN);

    private final Map<Integer, Long> newest = new ConcurrentHashMap<>();
    private final Map<Long, EnergyIntervals.Point> last = new ConcurrentHashMap<>();

    /** The device's newest stored reading time, or {@link #NONE}. */
    long newest(Connection c, int device) throws SQLException {
        Long t = newest.get(device);
        if (t == null) {
            t = query(c, device, null).ts();
            newest.put(device, t);
        }
        return t;
    }

    /** The device's newest stored value of POWER or ENERGY, or null. */
    EnergyIntervals.Point last(Connection c, int device, Metric column) throws SQLException {
        EnergyIntervals.Point p = last.get(key(device, column));
        if (p == null) {
            p = query(c, device, column);
            last.put(key(device, column), p);
        }
        return p == ABSENT ? null : p;
    }

    /** Starts the device from nothing stored (rebuilding its rollups from its first reading on). */
    void assumeEmpty(int device) {
        newest.put(device, NONE);
        last.put(key(device, Metric.POWER), ABSENT);
        last.put(key(device, Metric.ENERGY), ABSENT);
    }

    /** Forgets everything (after a rollback of something that may have changed the tails, e.g. a rebuild). */
    void clear() {
        newest.clear();
        last.clear();
    }

    private static long key(int device, Metric column) {
        return (long) device << 8 | column.ordinal();
    }

    /** Newest row of the device (having {@code column} when not null), walking its key range backwards. */
    private static EnergyIntervals.Point query(Connection c, int device, Metric column) throws SQLException {
        String col = column == null ? "0" : column.key();
        String sql = "SELECT ts, " + col + " FROM reading WHERE k >= ? AND k < ?"
                + (column == null ? "" : " AND " + col + " IS NOT NULL") + " ORDER BY k DESC LIMIT 1";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, ReadingKey.lower(device, Long.MIN_VALUE));
            ps.setLong(2, ReadingKey.lower(device, Long.MAX_VALUE));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new EnergyIntervals.Point(rs.getLong(1), rs.getDouble(2)) : ABSENT;
            }
        }
    }

    /** Tail changes of one commit, applied only once it committed. */
    final class Pending {
        private final Map<Integer, Long> newestChanges = new HashMap<>();
        private final Map<Long, EnergyIntervals.Point> lastChanges = new HashMap<>();

        void newest(int device, long ts) {
            newestChanges.merge(device, ts, Math::max);
        }

        void last(int device, Metric column, EnergyIntervals.Point p) {
            lastChanges.merge(key(device, column), p, (a, b) -> a.ts() >= b.ts() ? a : b);
        }

        void apply() {
            newestChanges.forEach((d, t) -> newest.merge(d, t, Math::max));
            lastChanges.forEach((k, p) -> last.merge(k, p, (a, b) -> a.ts() >= b.ts() ? a : b));
        }
    }

    Pending pending() {
        return new Pending();
    }
}
