package io.edgedeck.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Works out, before a batch's rows are inserted, what they add to the rollups: which rows are new (a row whose
 * device and time are stored already is a redelivery and adds nothing), their values, and the energy intervals they
 * create or split.
 *
 * <p>Readings in time order (after the device's newest stored reading) cost no query: they are new, and their first
 * energy interval starts at the device's tail ({@link RollupTails}). A late reading (at or before the newest stored
 * one) is checked against the stored keys, and its energy neighbours are looked up: a group of new readings that falls
 * between two stored readings p and n takes the interval p → n out and puts p → s1 → … → sk → n in, so each span of
 * time is counted once whatever order the readings came in.
 *
 * <p>When the reading before such a group is gone (deleted by retention, {@code rawPurgedBefore}) it is unknown which
 * interval was counted, so the group adds no energy (its values still count in min, max, mean and count).
 */
final class RollupPlanner {
    private static final Metric[] ENERGY_SOURCES = {Metric.POWER, Metric.ENERGY};

    /** The plan: what to merge into the rollups, how many rows are new, and the tail changes. */
    record Plan(RollupDelta delta, int newRows, RollupTails.Pending tails) {
    }

    private RollupPlanner() {
    }

    /**
     * @param assumeNew the rows are known to be new and later than each device's tail (rebuilding rollups from the
     *        stored readings, or importing readings only into the rollups): nothing is looked up; a row at or before
     *        the tail is refused with an IllegalArgumentException
     */
    static Plan plan(Connection c, List<ReadingMerger.Row> rows, Map<String, Integer> ids, RollupTails tails,
                     long rawPurgedBefore, boolean assumeNew) throws SQLException {
        RollupDelta delta = new RollupDelta();
        RollupTails.Pending pending = tails.pending();
        Map<Integer, List<ReadingMerger.Row>> byDevice = new LinkedHashMap<>();
        for (ReadingMerger.Row r : rows) {
            byDevice.computeIfAbsent(ids.get(r.deviceKey()), d -> new ArrayList<>()).add(r);
        }
        int newRows = 0;
        for (Map.Entry<Integer, List<ReadingMerger.Row>> e : byDevice.entrySet()) {
            int device = e.getKey();
            List<ReadingMerger.Row> list = e.getValue();
            list.sort(Comparator.comparingLong(ReadingMerger.Row::ts));
            long newest = tails.newest(c, device);
            if (assumeNew && list.getFirst().ts() <= newest) {
                throw new IllegalArgumentException("Readings of " + list.getFirst().deviceKey() + " at "
                        + Times.iso(list.getFirst().ts()) + " are not newer than the newest it has ("
                        + Times.iso(newest) + ")");
            }
            List<ReadingMerger.Row> fresh = newRows(c, device, list, newest);
            newRows += fresh.size();
            for (ReadingMerger.Row r : fresh) {
                delta.reading(device, r.ts(), r.values());
            }
            if (!fresh.isEmpty()) {
                pending.newest(device, fresh.getLast().ts());
            }
            for (Metric column : ENERGY_SOURCES) {
                energy(c, device, column, fresh, tails, pending, delta, rawPurgedBefore);
            }
        }
        return new Plan(delta, newRows, pending);
    }

    /** The rows (sorted) whose key is not stored yet. */
    private static List<ReadingMerger.Row> newRows(Connection c, int device, List<ReadingMerger.Row> sorted,
                                                   long newest) throws SQLException {
        if (sorted.getFirst().ts() > newest) {
            return sorted; // all after the newest stored reading: nothing to look up
        }
        long lastLate = newest;
        Set<Long> stored = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT ts FROM reading WHERE k >= ? AND k <= ?")) {
            ps.setLong(1, ReadingKey.of(device, sorted.getFirst().ts()));
            ps.setLong(2, ReadingKey.of(device, Math.min(lastLate, sorted.getLast().ts())));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.add(rs.getLong(1));
                }
            }
        }
        List<ReadingMerger.Row> fresh = new ArrayList<>(sorted.size());
        for (ReadingMerger.Row r : sorted) {
            if (!stored.contains(r.ts())) {
                fresh.add(r);
            }
        }
        return fresh;
    }

    private static void energy(Connection c, int device, Metric column, List<ReadingMerger.Row> fresh,
                               RollupTails tails, RollupTails.Pending pending, RollupDelta delta,
                               long rawPurgedBefore) throws SQLException {
        List<EnergyIntervals.Point> points = new ArrayList<>();
        for (ReadingMerger.Row r : fresh) {
            Double v = r.values()[column.ordinal()];
            if (v != null) {
                points.add(new EnergyIntervals.Point(r.ts(), v));
            }
        }
        if (points.isEmpty()) {
            return;
        }
        EnergyIntervals.Point tail = tails.last(c, device, column);
        // group the new points by the stored reading after them (none: after the tail), in time order
        Map<Long, List<EnergyIntervals.Point>> groups = new TreeMap<>();
        Map<Long, EnergyIntervals.Point> nextOf = new LinkedHashMap<>();
        for (EnergyIntervals.Point s : points) {
            EnergyIntervals.Point n = tail == null || s.ts() > tail.ts() ? null : neighbour(c, device, column, s.ts(), false);
            if (n == null && tail != null && s.ts() <= tail.ts()) {
                continue; // the tail was deleted by retention meanwhile: where this reading's intervals lie is unknown
            }
            long key = n == null ? Long.MAX_VALUE : n.ts();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
            if (n != null) {
                nextOf.put(key, n);
            }
        }
        for (Map.Entry<Long, List<EnergyIntervals.Point>> g : groups.entrySet()) {
            List<EnergyIntervals.Point> group = g.getValue();
            EnergyIntervals.Point n = nextOf.get(g.getKey());
            EnergyIntervals.Point p = n == null ? tail : neighbour(c, device, column, group.getFirst().ts(), true);
            if (p == null && n != null && rawPurgedBefore > 0
                    && rawPurgedBefore > group.getFirst().ts() - EnergyIntervals.maxGap(column)) {
                continue; // the reading before may have been deleted by retention: its interval to n is unknown
            }
            if (p != null && n != null) {
                EnergyIntervals.book(delta, device, column, p, n, -1);
            }
            EnergyIntervals.Point prev = p;
            for (EnergyIntervals.Point s : group) {
                if (prev != null) {
                    EnergyIntervals.book(delta, device, column, prev, s, 1);
                }
                prev = s;
            }
            if (n != null) {
                EnergyIntervals.book(delta, device, column, prev, n, 1);
            }
        }
        pending.last(device, column, points.getLast());
    }

    /** The stored reading with the column just before ({@code before}) or just after {@code ts}, or null. */
    private static EnergyIntervals.Point neighbour(Connection c, int device, Metric column, long ts, boolean before)
            throws SQLException {
        String col = column.key();
        String sql = before
                ? "SELECT ts, " + col + " FROM reading WHERE k >= ? AND k < ? AND " + col + " IS NOT NULL ORDER BY k DESC LIMIT 1"
                : "SELECT ts, " + col + " FROM reading WHERE k > ? AND k < ? AND " + col + " IS NOT NULL ORDER BY k LIMIT 1";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (before) {
                ps.setLong(1, ReadingKey.lower(device, Long.MIN_VALUE));
                ps.setLong(2, ReadingKey.of(device, ts));
            } else {
                ps.setLong(1, ReadingKey.of(device, ts));
                ps.setLong(2, ReadingKey.lower(device, Long.MAX_VALUE));
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new EnergyIntervals.Point(rs.getLong(1), rs.getDouble(2)) : null;
            }
        }
    }
}
