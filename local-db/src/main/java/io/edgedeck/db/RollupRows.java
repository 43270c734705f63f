package io.edgedeck.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reading and writing rows of the rollup tables (rollup_1m, rollup_1h, rollup_1d; see V5). */
final class RollupRows {
    static final String COLUMNS;
    private static final int PER_METRIC = 6;
    private static final int LOAD_CHUNK = 10_000;

    static {
        StringBuilder cols = new StringBuilder("k, device, bucket, readings");
        for (Metric m : Metric.values()) {
            String n = m.key();
            cols.append(", ").append(n).append("_min, ").append(n).append("_min_ts, ").append(n).append("_max, ")
                    .append(n).append("_max_ts, ").append(n).append("_sum, ").append(n).append("_count");
        }
        cols.append(", counter_kwh, counter_ms, integrated_kwh, integrated_ms");
        COLUMNS = cols.toString();
    }

    private RollupRows() {
    }

    /**
     * Adds the delta's buckets to the stored rows (creating the missing ones); rows found in {@code cache} are not
     * read back. Returns the rows written, for the cache once the transaction committed.
     */
    static RollupCache.Pending merge(Connection c, RollupDelta delta, RollupCache cache) throws SQLException {
        RollupCache.Pending written = cache.pending();
        for (Resolution r : Resolution.ROLLUPS) {
            Map<Long, RollupBucket> changes = delta.of(r);
            if (changes.isEmpty()) {
                continue;
            }
            Map<Long, RollupBucket> stored = new HashMap<>(changes.size() * 2);
            List<Long> unknown = new ArrayList<>();
            for (RollupBucket b : changes.values()) {
                RollupBucket cached = cache.copyOf(r, b.device, b.key());
                if (cached != null) {
                    stored.put(b.key(), cached);
                } else {
                    unknown.add(b.key());
                }
            }
            if (!unknown.isEmpty()) {
                stored.putAll(load(c, r, unknown));
            }
            List<RollupBucket> out = new ArrayList<>(changes.size());
            for (Map.Entry<Long, RollupBucket> e : changes.entrySet()) {
                RollupBucket row = stored.get(e.getKey());
                if (row == null) {
                    out.add(e.getValue());
                } else {
                    row.merge(e.getValue());
                    out.add(row);
                }
            }
            write(c, r, out);
            out.forEach(row -> written.written(r, row));
        }
        return written;
    }

    /** The stored rows with these keys (in chunks: H2 arrays hold at most 65,536 elements). */
    static Map<Long, RollupBucket> load(Connection c, Resolution r, Collection<Long> keys) throws SQLException {
        Map<Long, RollupBucket> rows = new HashMap<>(keys.size() * 2);
        List<Long> all = new ArrayList<>(keys);
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM " + r.table() + " WHERE k = ANY(?)")) {
            for (int off = 0; off < all.size(); off += LOAD_CHUNK) {
                ps.setObject(1, all.subList(off, Math.min(all.size(), off + LOAD_CHUNK)).toArray(new Long[0]));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        RollupBucket b = read(rs);
                        rows.put(b.key(), b);
                    }
                }
            }
        }
        return rows;
    }

    /** The row at the result set's cursor (all {@link #COLUMNS}, in order). */
    static RollupBucket read(ResultSet rs) throws SQLException {
        RollupBucket b = new RollupBucket(rs.getInt(2), rs.getLong(3));
        b.readings = rs.getLong(4);
        int col = 5;
        for (int m = 0; m < RollupBucket.METRICS; m++, col += PER_METRIC) {
            b.count[m] = rs.getLong(col + 5);
            if (b.count[m] > 0) {
                b.min[m] = rs.getDouble(col);
                b.minTs[m] = rs.getLong(col + 1);
                b.max[m] = rs.getDouble(col + 2);
                b.maxTs[m] = rs.getLong(col + 3);
                b.sum[m] = rs.getDouble(col + 4);
            }
        }
        b.counterKwh = rs.getDouble(col);
        b.counterMs = rs.getLong(col + 1);
        b.integratedKwh = rs.getDouble(col + 2);
        b.integratedMs = rs.getLong(col + 3);
        return b;
    }

    static void write(Connection c, Resolution r, List<RollupBucket> rows) throws SQLException {
        int params = COLUMNS.split(",").length;
        String sql = "MERGE INTO " + r.table() + " (" + COLUMNS + ") KEY (k) VALUES (" + "?, ".repeat(params - 1) + "?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (RollupBucket b : rows) {
                ps.setLong(1, b.key());
                ps.setInt(2, b.device);
                ps.setLong(3, b.bucket);
                ps.setLong(4, b.readings);
                int col = 5;
                for (int m = 0; m < RollupBucket.METRICS; m++, col += PER_METRIC) {
                    boolean any = b.count[m] > 0;
                    ps.setObject(col, any ? b.min[m] : null);
                    ps.setObject(col + 1, any ? b.minTs[m] : null);
                    ps.setObject(col + 2, any ? b.max[m] : null);
                    ps.setObject(col + 3, any ? b.maxTs[m] : null);
                    ps.setObject(col + 4, any ? b.sum[m] : null);
                    ps.setLong(col + 5, b.count[m]);
                }
                ps.setDouble(col, b.counterKwh);
                ps.setLong(col + 1, b.counterMs);
                ps.setDouble(col + 2, b.integratedKwh);
                ps.setLong(col + 3, b.integratedMs);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
