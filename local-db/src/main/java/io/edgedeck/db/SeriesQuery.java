package io.edgedeck.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One metric of one device over [from, to) as at most {@code maxPoints} chart points. When the range holds more
 * values, the range is cut into {@code maxPoints / 2} equal time buckets and the database returns, per bucket, the
 * minimum and the maximum together with their own timestamps (one pass, {@code MIN((value, ts))} row comparison);
 * they are emitted in time order, so every spike stays visible at its real time.
 */
final class SeriesQuery {
    private SeriesQuery() {
    }

    static List<SeriesPoint> run(Connection c, int device, Metric metric, long from, long to, int maxPoints)
            throws SQLException {
        String col = metric.key();
        // one key range of the row map (ReadingKey), read in key order = time order; stops after the limit
        List<SeriesPoint> raw = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT ts, " + col + " FROM reading"
                + " WHERE k >= ? AND k < ? AND " + col + " IS NOT NULL ORDER BY k LIMIT ?")) {
            ps.setLong(1, ReadingKey.lower(device, from));
            ps.setLong(2, ReadingKey.lower(device, to));
            ps.setInt(3, maxPoints + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    raw.add(new SeriesPoint(rs.getLong(1), rs.getDouble(2)));
                }
            }
        }
        if (raw.size() <= maxPoints) {
            return raw;
        }
        // Tighten the range to the data, so the buckets are as fine as the points allow: it starts at the first value
        // found and ends after the newest reading in it.
        long first = raw.getFirst().epochMillis();
        long end = newestBefore(c, device, to) + 1;
        return decimate(c, device, col, first, end, maxPoints);
    }

    /**
     * The time of the device's newest reading before {@code to} (the query found one): one step backwards on the
     * primary key {@code k}. (The device table's last seen is written behind, so it is no bound for the readings.)
     */
    private static long newestBefore(Connection c, int device, long to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT ts FROM reading WHERE k >= ? AND k < ? ORDER BY k DESC LIMIT 1")) {
            ps.setLong(1, ReadingKey.lower(device, Long.MIN_VALUE));
            ps.setLong(2, ReadingKey.lower(device, to));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : to - 1;
            }
        }
    }

    private static List<SeriesPoint> decimate(Connection c, int device, String col, long from, long to, int maxPoints)
            throws SQLException {
        int buckets = maxPoints / 2;
        long width = Math.max(1, ceilDiv(to - from, buckets));
        String sql = "SELECT (mn).C1, (mn).C2, (mx).C1, -(mx).C2 FROM ("
                + " SELECT (ts - ?) / ? AS b, MIN((" + col + ", ts)) AS mn, MAX((" + col + ", -ts)) AS mx"
                + " FROM reading WHERE k >= ? AND k < ? AND " + col + " IS NOT NULL GROUP BY b"
                + ") ORDER BY b";
        // (ts - from) / width: integer division, ts >= from
        List<SeriesPoint> out = new ArrayList<>(maxPoints);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, from);
            ps.setLong(2, width);
            ps.setLong(3, ReadingKey.lower(device, from));
            ps.setLong(4, ReadingKey.lower(device, to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    double min = rs.getDouble(1);
                    long minTs = rs.getLong(2);
                    double max = rs.getDouble(3);
                    long maxTs = rs.getLong(4);
                    if (minTs == maxTs) {
                        out.add(new SeriesPoint(minTs, min));
                    } else if (minTs < maxTs) {
                        out.add(new SeriesPoint(minTs, min));
                        out.add(new SeriesPoint(maxTs, max));
                    } else {
                        out.add(new SeriesPoint(maxTs, max));
                        out.add(new SeriesPoint(minTs, min));
                    }
                }
            }
        }
        return out;
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
