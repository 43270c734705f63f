package io.edgedeck.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.io.Writer;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Throughput of insert strategies and of the writer (1 M readings: 1000 plugs × 1000 s, commits of 10 k by default,
 * {@code -Dbench.commit=N} to change), and timings of the chart queries. Not part of the normal build. Run with
 * {@code ./mvnw -B -q -pl local-db test -Dbench=true -Dtest=InsertBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class InsertBenchmark {
    static final int DEVICES = 1000;
    static final int PER_DEVICE = 1000;
    static final int COMMIT_SIZE = Integer.getInteger("bench.commit", 10_000);
    static final long T0 = 1_732_550_400_000L;

    @TempDir
    Path dir;

    interface Strategy {
        int insert(Connection c, List<long[]> rows) throws SQLException;
    }

    static List<List<long[]>> batches() {
        // 1 s telemetry of 1000 plugs: commit k holds 10 consecutive seconds of every device.
        List<List<long[]>> out = new ArrayList<>();
        List<long[]> cur = new ArrayList<>();
        for (int s = 0; s < PER_DEVICE; s++) {
            for (int d = 1; d <= DEVICES; d++) {
                cur.add(new long[] {d, T0 + s * 1000L});
                if (cur.size() == COMMIT_SIZE) {
                    out.add(cur);
                    cur = new ArrayList<>();
                }
            }
        }
        if (!cur.isEmpty()) {
            out.add(cur);
        }
        return out;
    }

    static void bind(PreparedStatement ps, int first, long[] r) throws SQLException {
        ps.setLong(first++, ReadingKey.of((int) r[0], r[1]));
        ps.setInt(first, (int) r[0]);
        ps.setLong(first + 1, r[1]);
        ps.setDouble(first + 2, 230.0 + (r[1] % 7));
        ps.setDouble(first + 3, 0.5);
        ps.setDouble(first + 4, 115.0 + (r[1] % 13));
        ps.setNull(first + 5, java.sql.Types.DOUBLE);
        ps.setDouble(first + 6, 1);
        ps.setNull(first + 7, java.sql.Types.DOUBLE);
        ps.setNull(first + 8, java.sql.Types.DOUBLE);
    }

    static int batched(Connection c, String sql, List<long[]> rows) throws SQLException {
        int n = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int pending = 0;
            for (long[] r : rows) {
                bind(ps, 1, r);
                ps.addBatch();
                if (++pending == 1000) {
                    for (int x : ps.executeBatch()) n += Math.max(0, x);
                    pending = 0;
                }
            }
            if (pending > 0) for (int x : ps.executeBatch()) n += Math.max(0, x);
        }
        return n;
    }

    static final String COLS = ReadingInserter.COLUMNS;

    static int arrays(Connection c, List<long[]> rows, boolean dedupe) throws SQLException {
        String sql = "INSERT INTO reading (" + COLS + ") SELECT * FROM TABLE(k BIGINT = ?, device INT = ?, ts BIGINT = ?,"
                + " voltage DOUBLE PRECISION = ?, current DOUBLE PRECISION = ?, power DOUBLE PRECISION = ?,"
                + " energy DOUBLE PRECISION = ?, relay DOUBLE PRECISION = ?, temperature DOUBLE PRECISION = ?,"
                + " humidity DOUBLE PRECISION = ?) t"
                + (dedupe ? " WHERE NOT EXISTS (SELECT 1 FROM reading r WHERE r.k = t.k)" : "");
        int n = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int off = 0; off < rows.size(); off += 1000) {
                List<long[]> chunk = rows.subList(off, Math.min(rows.size(), off + 1000));
                int k = chunk.size();
                Long[] key = new Long[k];
                Integer[] dev = new Integer[k];
                Long[] ts = new Long[k];
                Double[] v = new Double[k], cu = new Double[k], p = new Double[k], none = new Double[k], rel = new Double[k];
                for (int i = 0; i < k; i++) {
                    long[] r = chunk.get(i);
                    key[i] = ReadingKey.of((int) r[0], r[1]);
                    dev[i] = (int) r[0];
                    ts[i] = r[1];
                    v[i] = 230.0 + (r[1] % 7);
                    cu[i] = 0.5;
                    p[i] = 115.0 + (r[1] % 13);
                    rel[i] = 1.0;
                }
                ps.setObject(1, key);
                ps.setObject(2, dev);
                ps.setObject(3, ts);
                ps.setObject(4, v);
                ps.setObject(5, cu);
                ps.setObject(6, p);
                ps.setObject(7, none);
                ps.setObject(8, rel);
                ps.setObject(9, none);
                ps.setObject(10, none);
                n += ps.executeUpdate();
            }
        }
        return n;
    }

    void run(String name, Strategy s, boolean dropFk) throws Exception {
        Path file = dir.resolve(name.replaceAll("\\W", "_"));
        try (LocalStore store = LocalStore.open(file); Connection c = store.readerConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                if (!dropFk) {
                    st.execute("ALTER TABLE reading ADD CONSTRAINT reading_device_fk FOREIGN KEY (device)"
                            + " REFERENCES device (id)");
                }
                for (int d = 1; d <= DEVICES; d++) {
                    st.execute("INSERT INTO device VALUES (" + d + ", 'plug-" + d + "', 'PLUG', 0, 0, TRUE)");
                }
                c.commit();
            }
            List<List<long[]>> batches = batches();
            long t = System.nanoTime();
            long n = 0;
            for (List<long[]> b : batches) {
                n += s.insert(c, b);
                c.commit();
            }
            double secs = (System.nanoTime() - t) / 1e9;
            assertThat(n).isEqualTo((long) DEVICES * PER_DEVICE);
            // redelivery of the last commit: all duplicates
            long t2 = System.nanoTime();
            int again = 0;
            try {
                again = s.insert(c, batches.getLast());
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                again = -1;
            }
            double dupMs = (System.nanoTime() - t2) / 1e6;
            System.out.printf("%-40s %,10.0f rows/s  (%.2f s)  redelivered %d rows -> inserted %s in %.0f ms%n", name,
                    n / secs, secs, COMMIT_SIZE, again < 0 ? "FAILED(PK)" : again, dupMs);
        }
    }

    @Test
    void compareStrategies() throws Exception {
        String plain = "INSERT INTO reading (" + COLS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        String notExists = "INSERT INTO reading (" + COLS + ") SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10 FROM DUAL"
                + " WHERE NOT EXISTS (SELECT 1 FROM reading WHERE k = ?1)";
        String merge = "MERGE INTO reading r USING (VALUES (CAST(? AS BIGINT), CAST(? AS INT), CAST(? AS BIGINT), CAST(? AS DOUBLE PRECISION),"
                + " CAST(? AS DOUBLE PRECISION), CAST(? AS DOUBLE PRECISION), CAST(? AS DOUBLE PRECISION),"
                + " CAST(? AS DOUBLE PRECISION), CAST(? AS DOUBLE PRECISION), CAST(? AS DOUBLE PRECISION)))"
                + " s(k, device, ts, voltage, current, power, energy, relay, temperature, humidity)"
                + " ON r.k = s.k WHEN NOT MATCHED THEN INSERT VALUES"
                + " (s.k, s.device, s.ts, s.voltage, s.current, s.power, s.energy, s.relay, s.temperature, s.humidity)";
        String mergeKey = "MERGE INTO reading (" + COLS + ") KEY (k) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        run("plain INSERT (no dedupe, fk)", (c, r) -> batched(c, plain, r), false);
        run("plain INSERT (no dedupe, no fk)", (c, r) -> batched(c, plain, r), true);
        run("INSERT SELECT WHERE NOT EXISTS (fk)", (c, r) -> batched(c, notExists, r), false);
        run("INSERT SELECT WHERE NOT EXISTS (no fk)", (c, r) -> batched(c, notExists, r), true);
        run("MERGE USING WHEN NOT MATCHED (fk)", (c, r) -> batched(c, merge, r), false);
        run("MERGE KEY upsert (fk; no dup count)", (c, r) -> batched(c, mergeKey, r), false);
        run("TABLE(arrays) NOT EXISTS (fk)", (c, r) -> arrays(c, r, true), false);
        run("TABLE(arrays) NOT EXISTS (no fk)", (c, r) -> arrays(c, r, true), true);
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** A week of 1 Hz power readings of one plug among 10 others; timings of the chart queries. */
    @Test
    void seriesQueries() {
        try (LocalStore store = LocalStore.open(dir.resolve("series"))) {
            int week = 7 * 24 * 3600;
            List<Reading> batch = new ArrayList<>(100_000);
            for (int i = 0; i < week; i++) {
                batch.add(new Reading("main", DeviceKind.PLUG, T0 + i * 1000L,
                        Map.of(Metric.POWER, 100 + 50 * Math.sin(i / 900.0) + (i % 86_400 == 0 ? 3000 : 0))));
                if (batch.size() == 100_000) {
                    store.writer().commit(IngestBatch.of(batch));
                    batch.clear();
                }
            }
            for (int d = 0; d < 10; d++) {
                for (int i = 0; i < 60_000; i++) {
                    batch.add(new Reading("other-" + d, DeviceKind.PLUG, T0 + i * 10_000L, Map.of(Metric.POWER, 1.0)));
                }
                store.writer().commit(IngestBatch.of(batch));
                batch.clear();
            }
            assertThat(store.readings().count()).isEqualTo(week + 600_000L);
            ReadingQueries q = store.readings();
            long end = T0 + week * 1000L;
            record Case(String name, long from, long to, int points) {
            }
            List<Case> cases = List.of(
                    new Case("week (604,800 rows) -> 2000", T0, end, 2000),
                    new Case("day (86,400 rows) -> 2000", end - 86_400_000L, end, 2000),
                    new Case("2 h (7,200 rows) -> 1200", end - 7_200_000L, end, 1200),
                    new Case("10 min (600 rows) -> 2000 raw", end - 600_000L, end, 2000));
            for (Case c : cases) {
                long best = Long.MAX_VALUE;
                int size = 0;
                for (int rep = 0; rep < 6; rep++) {
                    long t = System.nanoTime();
                    // vary the range by a few ms so H2's result cache cannot answer
                    List<SeriesPoint> s = q.series("main", Metric.POWER, Instant.ofEpochMilli(c.from - rep),
                            Instant.ofEpochMilli(c.to + rep), c.points);
                    best = Math.min(best, System.nanoTime() - t);
                    size = s.size();
                    assertThat(s).hasSizeLessThanOrEqualTo(c.points);
                }
                System.out.printf("series %-32s %6.1f ms (best of 6), %d points%n", c.name, best / 1e6, size);
            }
            try (Connection c = store.readerConnection()) {
                String dev = "(SELECT id FROM device WHERE device_key = 'main')";
                String range = "k >= LSHIFT(CAST(" + dev + " AS BIGINT), 43) + ?1 AND k < LSHIFT(CAST("
                        + dev + " AS BIGINT), 43) + ?2";
                String[] sqls = {
                    "SELECT COUNT(*) FROM reading WHERE " + range,
                    "SELECT COUNT(power) FROM reading WHERE " + range,
                    "SELECT (ts - ?1) / 604800 b, MIN(power), MAX(power) FROM reading WHERE " + range
                            + " AND power IS NOT NULL GROUP BY b",
                    "SELECT (ts - ?1) / 604800 b, MIN((power, ts)), MAX((power, -ts)) FROM reading WHERE "
                            + range + " AND power IS NOT NULL GROUP BY b",
                    "SELECT ts, power FROM reading WHERE " + range + " ORDER BY k",
                    "SELECT (mn).C1, (mn).C2, (mx).C1, -(mx).C2 FROM ( SELECT (ts - ?1) / 604800 AS b,"
                            + " MIN((power, ts)) AS mn, MAX((power, -ts)) AS mx FROM reading WHERE " + range
                            + " AND power IS NOT NULL GROUP BY b) ORDER BY b",
                    "SELECT (mn).C1, (mn).C2, (mx).C1, -(mx).C2 FROM ( SELECT (ts - ?1) / 604800 AS b,"
                            + " MIN((power, ts)) AS mn, MAX((power, -ts)) AS mx FROM reading WHERE k >= LSHIFT(CAST(1 AS BIGINT), 43) + ?1"
                            + " AND k < LSHIFT(CAST(1 AS BIGINT), 43) + ?2 AND power IS NOT NULL GROUP BY b) ORDER BY b",
                };
                for (String sql : sqls) {
                    long best = Long.MAX_VALUE;
                    for (int rep = 0; rep < 4; rep++) {
                        long t = System.nanoTime();
                        try (PreparedStatement ps = c.prepareStatement(sql)) {
                            ps.setLong(1, T0 - rep);
                            ps.setLong(2, end + rep);
                            try (var rs = ps.executeQuery()) {
                                while (rs.next()) {
                                    rs.getObject(1);
                                }
                            }
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                        best = Math.min(best, System.nanoTime() - t);
                    }
                    System.out.printf("  sql %6.1f ms  %s%n", best / 1e6, sql.replace(range, "k in D [?1, ?2)"));
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            long t = System.nanoTime();
            Optional<Reading> latest = q.latest("main", Metric.POWER);
            System.out.printf("latest (604,800 rows for the device)   %6.1f ms%n", (System.nanoTime() - t) / 1e6);
            assertThat(latest).get().extracting(Reading::epochMillis).isEqualTo(end - 1000);
            t = System.nanoTime();
            long rows = q.exportCsv("main", Instant.ofEpochMilli(T0), Instant.ofEpochMilli(end), Writer.nullWriter());
            System.out.printf("exportCsv %,d rows                 %6.1f ms%n", rows, (System.nanoTime() - t) / 1e6);
        }
    }

    /**
     * What maintaining the rollups in the commit costs the writer: alternating runs with and without, durable commits
     * of {@code -Dbench.commit} readings (the live pipeline commits up to 5,000 messages).
     */
    @Test
    void rollupCost() {
        try {
            for (int round = 0; round < 2; round++) {
                TelemetryWriter.rollups = false;
                endToEnd("no-rollups-" + round, StorePaths.URL_OPTIONS, false);
                TelemetryWriter.rollups = true;
                endToEnd("rollups-" + round, StorePaths.URL_OPTIONS, false);
            }
        } finally {
            TelemetryWriter.rollups = true;
        }
    }

    @Test
    void endToEndWriter() {
        endToEnd("e2e", StorePaths.URL_OPTIONS, false);
    }

    /**
     * Durable commits (the default: WRITE_DELAY=0 and an fsync per commit) against H2's 500 ms background write and
     * against commits written but not synced.
     */
    @Test
    void durabilityModes() {
        for (int round = 0; round < 2; round++) {
            endToEnd("durable-" + round, StorePaths.URL_OPTIONS, false);
            endToEnd("delay500-" + round, ";DB_CLOSE_ON_EXIT=FALSE", false);
            endToEnd("no-fsync-" + round, StorePaths.URL_OPTIONS, true);
        }
    }

    void endToEnd(String name, String urlOptions, boolean noFsync) {
        TelemetryWriter.fsync = !noFsync;
        try (LocalStore store = LocalStore.open(dir.resolve(name), urlOptions)) {
            List<List<long[]>> batches = batches();
            List<IngestBatch> ingest = new ArrayList<>();
            for (List<long[]> b : batches) {
                List<Reading> rs = new ArrayList<>(b.size());
                for (long[] r : b) {
                    rs.add(new Reading("plug-" + r[0], DeviceKind.PLUG, r[1], Map.of(Metric.VOLTAGE, 230.0 + (r[1] % 7),
                            Metric.CURRENT, 0.5, Metric.POWER, 115.0 + (r[1] % 13), Metric.RELAY, 1.0)));
                }
                ingest.add(IngestBatch.of(rs));
            }
            long cpu0 = processCpuNanos();
            long t = System.nanoTime();
            long n = 0;
            for (IngestBatch b : ingest) {
                n += store.writer().commit(b).readingsStored();
            }
            double secs = (System.nanoTime() - t) / 1e9;
            double cpuSecs = (processCpuNanos() - cpu0) / 1e9;
            System.out.printf("%-40s %,10.0f rows per process-CPU-second (%.1f CPU s; wall rate depends on load)%n",
                    "  cpu " + name, n / cpuSecs, cpuSecs);
            long t2 = System.nanoTime();
            CommitResult again = store.writer().commit(ingest.getLast());
            double dupMs = (System.nanoTime() - t2) / 1e6;
            System.out.printf("%-40s %,10.0f rows/s  (%.2f s)  redelivery of %d: %s in %.0f ms%n",
                    "commit e2e " + name + " " + COMMIT_SIZE, n / secs, secs, COMMIT_SIZE, again, dupMs);
            assertThat(n).isEqualTo((long) DEVICES * PER_DEVICE);
            assertThat(again.duplicates()).isEqualTo(COMMIT_SIZE);
        } finally {
            TelemetryWriter.fsync = true;
        }
    }
}
