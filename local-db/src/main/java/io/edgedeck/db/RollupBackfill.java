package io.edgedeck.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes the rollups of readings stored before schema V5 (once, at the first open after the upgrade), through the
 * same code as live ingest ({@link RollupPlanner}), device by device in time order; one commit per device.
 */
final class RollupBackfill {
    private static final Logger LOG = LoggerFactory.getLogger(RollupBackfill.class);
    private static final int CHUNK = 20_000;

    private RollupBackfill() {
    }

    static void runIfNeeded(Connection c, DeviceCache devices, String where) throws SQLException {
        if (HistoryState.rollupsBuilt(c)) {
            return;
        }
        long start = System.nanoTime();
        long total = 0;
        for (Map.Entry<String, DeviceCache.Entry> d : devices.entries().entrySet()) {
            total += device(c, d.getKey(), d.getValue().id());
            c.commit();
        }
        HistoryState.markRollupsBuilt(c);
        c.commit();
        if (total > 0) {
            LOG.info("Computed the 1-minute, 1-hour and 1-day rollups of {} stored readings of {} in {} s", total, where,
                    (System.nanoTime() - start) / 1_000_000_000);
        }
    }

    private static long device(Connection c, String key, int id) throws SQLException {
        RollupTails tails = new RollupTails();
        RollupCache cache = new RollupCache();
        tails.assumeEmpty(id);
        Map<String, Integer> ids = Map.of(key, id);
        long done = 0;
        long from = ReadingKey.lower(id, Long.MIN_VALUE);
        long end = ReadingKey.lower(id, Long.MAX_VALUE);
        try (PreparedStatement ps = c.prepareStatement("SELECT k, ts, " + ReadingRows.METRIC_COLUMNS
                + " FROM reading WHERE k >= ? AND k < ? ORDER BY k LIMIT " + CHUNK)) {
            while (true) {
                ps.setLong(1, from);
                ps.setLong(2, end);
                List<ReadingMerger.Row> rows = new ArrayList<>(CHUNK);
                long lastK = -1;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        lastK = rs.getLong(1);
                        rows.add(new ReadingMerger.Row(key, DeviceKind.GENERIC, rs.getLong(2), ReadingRows.values(rs, 3)));
                    }
                }
                if (rows.isEmpty()) {
                    return done;
                }
                RollupPlanner.Plan plan = RollupPlanner.plan(c, rows, ids, tails, 0, true);
                RollupRows.merge(c, plan.delta(), cache).apply();
                plan.tails().apply();
                done += rows.size();
                from = lastK + 1;
            }
        }
    }
}
