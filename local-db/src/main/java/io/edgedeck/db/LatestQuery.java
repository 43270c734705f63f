package io.edgedeck.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The newest row of a device that carries a metric. H2 does not walk the (device, ts) index backwards for
 * {@code ORDER BY ts DESC}, so a plain query reads the device's whole history (≈ 1 s for a week at 1 Hz). Instead
 * this searches backwards from the device's last-seen time in windows growing 16-fold (1 minute, 16 minutes, ~4 hours,
 * ...), each an index range scan; it ends at the device's first-seen time.
 */
final class LatestQuery {
    static final long FIRST_WINDOW_MILLIS = 60_000;

    private LatestQuery() {
    }

    /** Calls {@code row} with the result set positioned on the row (columns: ts, metric columns); false if none. */
    static boolean find(Connection c, int device, Metric metric, RowHandler row) throws SQLException {
        DeviceBounds bounds = DeviceBounds.of(c, device);
        if (bounds == null) {
            return false;
        }
        String sql = "SELECT ts, " + ReadingRows.METRIC_COLUMNS + " FROM reading WHERE device = ? AND ts >= ? AND ts < ?"
                + " AND " + metric.key() + " IS NOT NULL ORDER BY ts DESC LIMIT 1";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            long hi = saturatedAdd(bounds.lastSeen(), 1);
            long window = FIRST_WINDOW_MILLIS;
            while (true) {
                long lo = Math.max(bounds.firstSeen(), hi - window < hi ? hi - window : Long.MIN_VALUE);
                ps.setInt(1, device);
                ps.setLong(2, lo);
                ps.setLong(3, hi);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        row.accept(rs);
                        return true;
                    }
                }
                if (lo <= bounds.firstSeen()) {
                    return false;
                }
                hi = lo;
                window = window > Long.MAX_VALUE / 16 ? Long.MAX_VALUE : window * 16;
            }
        }
    }

    interface RowHandler {
        void accept(ResultSet rs) throws SQLException;
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
