package io.edgedeck.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

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
        Columns columns = new Columns(from, pixel);
        List<HistorySeries.Span> spans = new ArrayList<>();
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
        return new HistorySeries(columns.points(), chosen, spans);
    }

    /** Raw rows read in key (= time) order and folded into the pixel columns here: cheaper than a GROUP BY in H2. */
    private static void raw(Connection c, int device, Metric metric, long from, long to, Columns columns)
            throws SQLException {
        String col = metric.key();
        try (PreparedStatement ps = c.prepareStatement("SELECT ts, " + col + " FROM reading WHERE k >= ? AND k < ? AND "
                + col + " IS NOT NULL ORDER BY k")) {
            ps.setFetchSize(10_000);
            ps.setLong(1, ReadingKey.lower(device, from));
            ps.setLong(2, ReadingKey.lower(device, to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.put(rs.getLong(1), rs.getDouble(2));
                }
            }
        }
    }

    private static void rollup(Connection c, Resolution r, int device, Metric metric, long from, long to,
                               Columns columns) throws SQLException {
        String m = metric.key();
        String sql = "SELECT " + m + "_min, " + m + "_min_ts, " + m + "_max, " + m + "_max_ts FROM " + r.table()
                + " WHERE k >= ? AND k < ? AND " + m + "_count > 0";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
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

    /** Per pixel column the minimum and maximum seen, with their times. */
    private static final class Columns {
        final long origin;
        final long pixel;
        private final TreeMap<Long, double[]> byColumn = new TreeMap<>();

        Columns(long origin, long pixel) {
            this.origin = origin;
            this.pixel = pixel;
        }

        void put(long ts, double v) {
            long col = Math.floorDiv(ts - origin, pixel);
            double[] e = byColumn.get(col);
            if (e == null) {
                byColumn.put(col, new double[] {v, ts, v, ts});
                return;
            }
            if (v < e[0] || (v == e[0] && ts < e[1])) {
                e[0] = v;
                e[1] = ts;
            }
            if (v > e[2] || (v == e[2] && ts < e[3])) {
                e[2] = v;
                e[3] = ts;
            }
        }

        List<SeriesPoint> points() {
            List<SeriesPoint> out = new ArrayList<>(byColumn.size() * 2);
            for (double[] e : byColumn.values()) {
                long minTs = (long) e[1];
                long maxTs = (long) e[3];
                if (minTs == maxTs) {
                    out.add(new SeriesPoint(minTs, e[0]));
                } else if (minTs < maxTs) {
                    out.add(new SeriesPoint(minTs, e[0]));
                    out.add(new SeriesPoint(maxTs, e[2]));
                } else {
                    out.add(new SeriesPoint(maxTs, e[2]));
                    out.add(new SeriesPoint(minTs, e[0]));
                }
            }
            return out;
        }
    }
}
