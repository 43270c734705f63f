package io.edgedeck.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One metric of one device over [from, to) for a chart {@code width} pixels wide.
 *
 * <p>Resolution: the coarsest whose buckets are no wider than one pixel's time (1 year at 1,600 px: 5.5 h per pixel →
 * 1-hour rollups; 30 days → 1-minute; 24 hours → raw). A part older than that resolution's retention watermark is
 * answered by the next coarser one that still holds it (raw → 1 m → 1 h → 1 d). Rollups are maintained in the same
 * transaction as the raw readings, so they never lag behind them.
 *
 * <p>Decimation: the range is cut into {@code width} equal pixel columns; each column yields its minimum and its
 * maximum at their own timestamps (rollups keep the time of their extremes), in time order — a 1-second spike in a
 * year stays at its real time and height.
 */
final class HistoryQuery {
    private HistoryQuery() {
    }

    static Resolution choose(long from, long to, int width) {
        double perPixel = (double) (to - from) / width;
        Resolution chosen = Resolution.RAW;
        for (Resolution r : Resolution.ROLLUPS) {
            if (r.bucketMillis() <= perPixel) {
                chosen = r;
            }
        }
        return chosen;
    }

    static HistorySeries run(Connection c, HistoryState state, int device, Metric metric, long from, long to,
                             int width) throws SQLException {
        Resolution chosen = choose(from, to, width);
        long pixel = Math.max(1, -Math.floorDiv(-(to - from), width));
        Columns columns = new Columns(from, pixel, (int) Math.min(width, -Math.floorDiv(-(to - from), pixel)));
        List<HistorySeries.Span> spans = new ArrayList<>();
        lazy(c, true); // stream the rows into the columns instead of H2 materialising the whole result first
        try {
            collect(c, state, device, metric, from, to, chosen, columns, spans);
        } finally {
            lazy(c, false);
        }
        return new HistorySeries(columns.points(), chosen, spans);
    }

    private static void lazy(Connection c, boolean on) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET LAZY_QUERY_EXECUTION " + (on ? "TRUE" : "FALSE"));
        }
    }

    private static void collect(Connection c, HistoryState state, int device, Metric metric, long from, long to,
                                Resolution chosen, Columns columns, List<HistorySeries.Span> spans) throws SQLException {
        long end = to;
        Resolution[] all = Resolution.values();
        for (int i = chosen.ordinal(); i < all.length && end > from; i++) {
            Resolution r = all[i];
            long start = Math.max(from, state.purgedBefore(r));
            if (start >= end) {
                continue; // all of it is past this resolution's retention: try the next coarser one
            }
            if (r == Resolution.RAW) {
                raw(c, device, metric, start, end, columns);
            } else {
                rollup(c, r, device, metric, start, end, columns);
            }
            spans.addFirst(new HistorySeries.Span(r, Instant.ofEpochMilli(start), Instant.ofEpochMilli(end)));
            end = start;
        }
    }

    /**
     * Raw rows streamed in key (= time) order straight into the pixel columns (a read of two columns plus a compare
     * per row: as cheap as reading the rows at all).
     */
    private static void raw(Connection c, int device, Metric metric, long from, long to, Columns columns)
            throws SQLException {
        String col = metric.key();
        try (PreparedStatement ps = c.prepareStatement("SELECT ts, " + col + " FROM reading WHERE k >= ? AND k < ?"
                + " ORDER BY k")) {
            ps.setFetchSize(10_000);
            ps.setLong(1, ReadingKey.lower(device, from));
            ps.setLong(2, ReadingKey.lower(device, to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    double v = rs.getDouble(2);
                    if (!rs.wasNull()) {
                        columns.put(rs.getLong(1), v);
                    }
                }
            }
        }
    }

    /**
     * The extremes of the metric's buckets. The 1-minute table (the one long ranges read tens of thousands of rows
     * of) has a covering index per metric ({@code rollup_1m_<metric>}: key, min, its time, max, its time; V7), so the
     * query reads five narrow values per bucket instead of the whole 46-column row.
     */
    private static void rollup(Connection c, Resolution r, int device, Metric metric, long from, long to,
                               Columns columns) throws SQLException {
        String m = metric.key();
        String table = r == Resolution.MINUTE ? r.table() + " USE INDEX (" + r.table() + "_" + m + ")" : r.table();
        String sql = "SELECT " + m + "_min, " + m + "_min_ts, " + m + "_max, " + m + "_max_ts FROM " + table
                + " WHERE k >= ? AND k < ? AND " + m + "_min_ts IS NOT NULL";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(10_000);
            ps.setLong(1, ReadingKey.lower(device, r.bucketStart(from)));
            ps.setLong(2, ReadingKey.lower(device, to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    // a bucket reaching over the part's start: only the extremes inside the part count
                    long minTs = rs.getLong(2);
                    long maxTs = rs.getLong(4);
                    if (minTs >= from && minTs < to) {
                        columns.put(minTs, rs.getDouble(1));
                    }
                    if (maxTs >= from && maxTs < to) {
                        columns.put(maxTs, rs.getDouble(3));
                    }
                }
            }
        }
    }

    /** Per pixel column the minimum and maximum seen, with their times (plain arrays: one slot per column). */
    private static final class Columns {
        final long origin;
        final long pixel;
        private final double[] min;
        private final long[] minTs;
        private final double[] max;
        private final long[] maxTs;
        private final boolean[] seen;

        Columns(long origin, long pixel, int count) {
            this.origin = origin;
            this.pixel = pixel;
            min = new double[count];
            minTs = new long[count];
            max = new double[count];
            maxTs = new long[count];
            seen = new boolean[count];
        }

        void put(long ts, double v) {
            long col = Math.floorDiv(ts - origin, pixel);
            if (col < 0 || col >= seen.length) {
                return;
            }
            int i = (int) col;
            if (!seen[i]) {
                seen[i] = true;
                min[i] = v;
                max[i] = v;
                minTs[i] = ts;
                maxTs[i] = ts;
                return;
            }
            if (v < min[i] || (v == min[i] && ts < minTs[i])) {
                min[i] = v;
                minTs[i] = ts;
            }
            if (v > max[i] || (v == max[i] && ts < maxTs[i])) {
                max[i] = v;
                maxTs[i] = ts;
            }
        }

        List<SeriesPoint> points() {
            List<SeriesPoint> out = new ArrayList<>();
            for (int i = 0; i < seen.length; i++) {
                if (!seen[i]) {
                    continue;
                }
                if (minTs[i] == maxTs[i]) {
                    out.add(new SeriesPoint(minTs[i], min[i]));
                } else if (minTs[i] < maxTs[i]) {
                    out.add(new SeriesPoint(minTs[i], min[i]));
                    out.add(new SeriesPoint(maxTs[i], max[i]));
                } else {
                    out.add(new SeriesPoint(maxTs[i], max[i]));
                    out.add(new SeriesPoint(minTs[i], min[i]));
                }
            }
            return out;
        }
    }
}
