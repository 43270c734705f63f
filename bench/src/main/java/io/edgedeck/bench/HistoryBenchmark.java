package io.edgedeck.bench;

import io.edgedeck.db.DeviceKind;
import io.edgedeck.db.HistorySeries;
import io.edgedeck.db.IngestBatch;
import io.edgedeck.db.LocalStore;
import io.edgedeck.db.Metric;
import io.edgedeck.db.Reading;
import io.edgedeck.db.Retention;
import io.edgedeck.db.RetentionPolicy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * bench/history: generates history, then times chart queries (EdgeDeck's tiered query at 1,600 px against a naive
 * SELECT of every raw row of the range) and retention's longest pause to a concurrent writer.
 *
 * <p>Data: one plug ("year-plug") with a year of 1 Hz readings and {@code 100 × scale} plugs with 30 days. Raw rows
 * are written (through the writer, with rollups, as live ingest) only for the last 7 days — what raw retention would
 * keep; older readings go through the same rollup code with {@code commitRollupsOnly}, so the rollup tables hold what
 * a year of ingest would leave. {@code --raw-year} writes the year plug's whole year as raw rows instead, for the
 * naive comparison on the long ranges.
 */
public final class HistoryBenchmark {
    static final long SECOND = 1000;
    static final long DAY = 86_400_000L;
    static final int WIDTH = 1600;
    /** The end of the generated history (a fixed instant: runs are comparable). */
    static final long END = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    public static void main(String[] args) throws Exception {
        double scale = 1;
        boolean rawYear = false;
        Path db = null;
        int reps = 5;
        boolean generateOnly = false;
        boolean skipRetention = false;
        long naiveMaxDays = Long.MAX_VALUE;
        long retentionBudget = 0;
        boolean skipQueries = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--scale" -> scale = Double.parseDouble(args[++i]);
                case "--raw-year" -> rawYear = true;
                case "--db" -> db = Path.of(args[++i]);
                case "--reps" -> reps = Integer.parseInt(args[++i]);
                case "--generate-only" -> generateOnly = true;
                case "--skip-retention" -> skipRetention = true;
                case "--naive-max-days" -> naiveMaxDays = Long.parseLong(args[++i]);
                case "--retention-budget" -> retentionBudget = Long.parseLong(args[++i]);
                case "--skip-queries" -> skipQueries = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (use --scale S, --raw-year, --db PATH, --reps N, --generate-only, --skip-retention, --naive-max-days D,"
                        + " --retention-budget SECONDS, --skip-queries)");
            }
        }
        int fleet = Math.max(1, (int) Math.round(100 * scale));
        Path dir = db == null ? Files.createTempDirectory("edgedeck-history-bench") : db.toAbsolutePath().getParent();
        Path file = db == null ? dir.resolve("history") : db;
        System.out.printf("history benchmark: 1 plug × 365 d + %d plugs × 30 d at 1 Hz; raw rows for the last %s;"
                        + " file %s%n", fleet, rawYear ? "7 d (the year plug: all 365 d)" : "7 d", file);
        System.out.printf("machine: %d cores, JVM %s, max heap %d MB%n", Runtime.getRuntime().availableProcessors(),
                Runtime.version(), Runtime.getRuntime().maxMemory() >> 20);

        try (LocalStore store = LocalStore.open(file)) {
            if (store.devices().count() == 0) {
                generate(store, fleet, rawYear);
                System.out.printf("file after generation: %s%n", store.space());
            } else {
                System.out.printf("using the data already in %s (%,d raw rows)%n", file, store.readings().count());
            }
            if (!generateOnly) {
                if (!skipQueries) {
                    queries(store, "before retention", reps, naiveMaxDays);
                }
                if (!skipRetention) {
                    retentionPause(store, retentionBudget);
                    if (!skipQueries) {
                        queries(store, "after retention", reps, naiveMaxDays);
                    }
                }
            }
        }
        System.exit(0);
    }

    // ---- generation

    private static void generate(LocalStore store, int fleet, boolean rawYear) {
        long rawFrom = END - 7 * DAY;
        Gen year = new Gen("year-plug", 1);
        long t0 = System.nanoTime();
        long rolledOnly = 0;
        long raw = 0;
        // the year plug: a day per commit through the rollups only (or raw with --raw-year), then 7 days raw
        long yearStart = END - 365 * DAY;
        long rollupNanos = 0;
        long rawNanos = 0;
        long yearReport = System.nanoTime();
        Upkeep upkeep = new Upkeep(store);
        for (long day = yearStart; day < END; day += DAY) {
            long s = System.nanoTime();
            for (long h = day; h < day + DAY; h += 3_600_000L) {
                List<Reading> rs = year.seconds(h, h + 3_600_000L);
                if (day >= rawFrom || rawYear) {
                    raw += store.writer().commit(IngestBatch.of(rs)).readingsStored();
                } else {
                    rolledOnly += store.writer().commitRollupsOnly(rs);
                }
                upkeep.wrote(rs.size());
            }
            if (day >= rawFrom || rawYear) {
                rawNanos += System.nanoTime() - s;
            } else {
                rollupNanos += System.nanoTime() - s;
            }
            if (System.nanoTime() - yearReport > 60e9) {
                yearReport = System.nanoTime();
                System.out.printf("  … year-plug at %s: %,d rolled up, %,d raw; file %,d MB%n", Instant.ofEpochMilli(day),
                        rolledOnly, raw, fileMegabytes(store));
            }
        }
        System.out.printf("generated year-plug: %,d readings rolled up only (%,.0f rows/s), %,d raw (%,.0f rows/s)%n",
                rolledOnly, rolledOnly / Math.max(1e-9, rollupNanos / 1e9), raw, raw / Math.max(1e-9, rawNanos / 1e9));
        // the fleet: 30 days; raw part: 50 s of every plug per commit (5,000 readings for 100 plugs, like live ingest)
        List<Gen> plugs = new ArrayList<>();
        for (int p = 0; p < fleet; p++) {
            plugs.add(new Gen(String.format("plug-%03d", p), 100 + p));
        }
        long fleetRolled = 0;
        long fleetRaw = 0;
        rollupNanos = 0;
        rawNanos = 0;
        long lastReport = System.nanoTime();
        for (long t = END - 30 * DAY, step; t < END; t += step) {
            // live-sized commits for the raw part; an hour per commit for what only goes into the rollups
            step = t >= rawFrom ? 50 * SECOND : 3_600_000L;
            List<Reading> rs = new ArrayList<>();
            for (Gen g : plugs) {
                rs.addAll(g.seconds(t, t + step));
            }
            long s = System.nanoTime();
            if (t >= rawFrom) {
                fleetRaw += store.writer().commit(IngestBatch.of(rs)).readingsStored();
                rawNanos += System.nanoTime() - s;
            } else {
                fleetRolled += store.writer().commitRollupsOnly(rs);
                rollupNanos += System.nanoTime() - s;
            }
            upkeep.wrote(rs.size());
            if (System.nanoTime() - lastReport > 60e9) {
                lastReport = System.nanoTime();
                System.out.printf("  … fleet at %s: %,d rolled up, %,d raw; file %,d MB%n", Instant.ofEpochMilli(t),
                        fleetRolled, fleetRaw, fileMegabytes(store));
            }
        }
        System.out.printf("generated %d fleet plugs: %,d readings rolled up only (%,.0f rows/s), %,d raw (%,.0f rows/s)"
                        + "%n", fleet, fleetRolled, fleetRolled / Math.max(1e-9, rollupNanos / 1e9), fleetRaw,
                fleetRaw / Math.max(1e-9, rawNanos / 1e9));
        long total = rolledOnly + raw + fleetRolled + fleetRaw;
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf("generation: %,d readings in %.0f s = %,.0f readings/s overall (%,d raw rows in the file;"
                + " %s included)%n", total, secs, total / secs, raw + fleetRaw, upkeep);
    }

    /**
     * The store's maintenance (H2 rewriting sparse chunks, StoreMaintenance) in step with the data written: the
     * product runs it 2 s every 30 s, which keeps up with live ingest but not with a generator that writes weeks of
     * data per minute (the file grew past 20 GB for 10 GB of data that way) — so here 2 s after every 1,000,000
     * readings, on the generating thread.
     */
    private static final class Upkeep {
        private final LocalStore store;
        private long sinceLast;
        private long nanos;
        private int runs;

        Upkeep(LocalStore store) {
            this.store = store;
        }

        void wrote(long readings) {
            sinceLast += readings;
            if (sinceLast >= 1_000_000) {
                sinceLast = 0;
                long t = System.nanoTime();
                store.maintenance().runOnce(java.time.Duration.ofSeconds(2));
                nanos += System.nanoTime() - t;
                runs++;
            }
        }

        @Override
        public String toString() {
            return String.format("%d maintenance runs, %.0f s", runs, nanos / 1e9);
        }
    }

    private static long fileMegabytes(LocalStore store) {
        try {
            return Files.size(Path.of(store.location())) >> 20;
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    /** A plug's 1 Hz readings: a fridge-like cycle, noise, a kettle spike now and then, an energy counter. */
    static final class Gen {
        final String id;
        final Random rnd;
        double counterKwh;

        Gen(String id, long seed) {
            this.id = id;
            this.rnd = new Random(seed);
        }

        List<Reading> seconds(long from, long to) {
            List<Reading> out = new ArrayList<>((int) ((to - from) / SECOND));
            for (long ts = from; ts < to; ts += SECOND) {
                double base = ((ts / 600_000) % 3 == 0 ? 120 : 5) + rnd.nextDouble() * 4;
                double power = rnd.nextInt(20_000) == 0 ? 2000 + rnd.nextInt(200) : base;
                counterKwh += power / 3.6e6;
                out.add(new Reading(id, DeviceKind.PLUG, ts, Map.of(Metric.POWER, power, Metric.VOLTAGE,
                        228 + rnd.nextDouble() * 4, Metric.ENERGY, counterKwh)));
            }
            return out;
        }
    }

    // ---- queries

    private static void queries(LocalStore store, String when, int reps, long naiveMaxDays) throws Exception {
        System.out.printf("%nqueries %s (%d repetitions each, the range shifted every time; median and worst ms):%n",
                when, reps);
        System.out.printf("  %-6s %-10s %-26s %10s %10s %9s %12s %12s %8s%n", "range", "device", "EdgeDeck resolution",
                "median ms", "worst ms", "points", "naive med ms", "naive rows", "speed-up");
        long[] ranges = {365 * DAY, 30 * DAY, DAY, 3_600_000L};
        String[] names = {"1 y", "30 d", "24 h", "1 h"};
        Random rnd = new Random(when.hashCode());
        try (Connection c = DriverManager.getConnection(readerUrl(store), "sa", "")) {
            for (String device : List.of("year-plug", "plug-000")) {
                for (int i = 0; i < ranges.length; i++) {
                    if (device.equals("plug-000") && ranges[i] > 30 * DAY) {
                        continue;
                    }
                    double[] mine = new double[reps];
                    double[] naive = new double[reps];
                    HistorySeries last = null;
                    long naiveRows = 0;
                    for (int r = 0; r < reps; r++) {
                        long to = END - r * 3_600_000L - rnd.nextInt(3_600) * SECOND;
                        long from = to - ranges[i];
                        // alternate which goes first: the first read of a range pays for loading its pages
                        boolean naiveFirst = r % 2 == 1 && ranges[i] / DAY <= naiveMaxDays;
                        if (naiveFirst) {
                            long t = System.nanoTime();
                            naiveRows = naive(c, device, from + 17, to + 17);
                            naive[r] = (System.nanoTime() - t) / 1e6;
                        }
                        long t = System.nanoTime();
                        last = store.readings().history(device, Metric.POWER, Instant.ofEpochMilli(from),
                                Instant.ofEpochMilli(to), WIDTH);
                        mine[r] = (System.nanoTime() - t) / 1e6;
                        if (!naiveFirst && ranges[i] / DAY <= naiveMaxDays) {
                            t = System.nanoTime();
                            naiveRows = naive(c, device, from + 17, to + 17);
                            naive[r] = (System.nanoTime() - t) / 1e6;
                        }
                    }
                    double m = median(mine);
                    double n = median(naive);
                    System.out.printf("  %-6s %-10s %-26s %10.1f %10.1f %9d %12.1f %,12d %8s%n", names[i], device,
                            describe(last), m, Arrays.stream(mine).max().orElse(0), last.points().size(), n, naiveRows,
                            naiveRows == 0 ? "-" : String.format("%.1f×", n / m));
                }
            }
        }
        System.out.println("  (naive: SELECT ts, power of every raw row in the range by the primary key, all read;"
                + " it sees only the raw rows that exist)");
    }

    /** Everything of the device's raw rows in [from, to): what drawing without rollups or decimation would read. */
    private static long naive(Connection c, String device, long from, long to) throws Exception {
        int id;
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM device WHERE device_key = ?")) {
            ps.setString(1, device);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return 0;
                }
                id = rs.getInt(1);
            }
        }
        long rows = 0;
        double sum = 0;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT ts, power FROM reading WHERE k >= ? AND k < ? ORDER BY k")) {
            ps.setFetchSize(10_000);
            ps.setLong(1, ((long) id << 43) + from);
            ps.setLong(2, ((long) id << 43) + to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sum += rs.getLong(1) + rs.getDouble(2);
                    rows++;
                }
            }
        }
        return sum == 42 ? -rows : rows;
    }

    private static String describe(HistorySeries s) {
        StringBuilder b = new StringBuilder(s.resolution().label());
        if (s.spans().size() > 1 || (!s.spans().isEmpty() && s.spans().getFirst().resolution() != s.resolution())) {
            b.append(" (");
            s.spans().forEach(sp -> b.append(sp.resolution().label()).append(' '));
            b.setLength(b.length() - 1);
            b.append(')');
        }
        return b.toString();
    }

    private static String readerUrl(LocalStore store) {
        // H2 shares the open database with a second connection of this process (same URL options as the store)
        String loc = store.location();
        return "jdbc:h2:" + loc.substring(0, loc.length() - ".mv.db".length()) + ";IFEXISTS=TRUE";
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    // ---- retention

    /** Retention (default tiers, as of END) while a writer commits 100 plugs' readings each 50 ms: commit latencies. */
    private static void retentionPause(LocalStore store, long budgetSeconds) throws Exception {
        System.out.printf("%nretention with the default policy while a writer commits a second of 100 plugs every 50 ms:%n");
        List<Gen> live = new ArrayList<>();
        for (int p = 0; p < 100; p++) {
            live.add(new Gen(String.format("live-%03d", p), 1000 + p));
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong worstNanos = new AtomicLong();
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicLong commits = new AtomicLong();
        AtomicLong t = new AtomicLong(END);
        Runnable writer = () -> {
            while (!stop.get()) {
                List<Reading> rs = new ArrayList<>();
                long ts = t.getAndAdd(SECOND);
                for (Gen g : live) {
                    rs.addAll(g.seconds(ts, ts + SECOND));
                }
                long s = System.nanoTime();
                store.writer().commit(IngestBatch.of(rs));
                long took = System.nanoTime() - s;
                worstNanos.accumulateAndGet(took, Math::max);
                latencies.add(took);
                commits.incrementAndGet();
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        };
        // baseline: the same writer for 20 s without retention (after 5 s of warm-up: new devices, JIT)
        Thread w = new Thread(writer);
        w.start();
        Thread.sleep(5_000);
        worstNanos.set(0);
        commits.set(0);
        latencies.clear();
        Thread.sleep(20_000);
        stop.set(true);
        w.join();
        System.out.printf("  without retention: %d commits, longest commit %.1f ms, %s%n", commits.get(),
                worstNanos.get() / 1e6, percentiles(latencies));
        stop.set(false);
        worstNanos.set(0);
        commits.set(0);
        latencies.clear();
        w = new Thread(writer);
        w.start();
        Retention.Run run = budgetSeconds > 0
                ? store.retention().runOnce(RetentionPolicy.DEFAULT, Instant.ofEpochMilli(END),
                        java.time.Duration.ofSeconds(budgetSeconds))
                : store.retention().runOnce(RetentionPolicy.DEFAULT, Instant.ofEpochMilli(END));
        stop.set(true);
        w.join();
        System.out.printf("  with retention:    %d commits, longest commit %.1f ms; retention deleted %s in %d batches,"
                        + " %.1f s%s, longest batch %.1f ms%n", commits.get(), worstNanos.get() / 1e6, run.deleted(),
                run.batches(), run.took().toMillis() / 1e3, run.complete() ? "" : " (stopped at its budget)",
                run.longestBatch().toNanos() / 1e6);
        System.out.printf("  with retention:    %s%n", percentiles(latencies));
    }

    private static String percentiles(List<Long> nanos) {
        long[] v;
        synchronized (nanos) {
            v = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        }
        if (v.length == 0) {
            return "no commits";
        }
        return String.format("commit median %.1f ms, p99 %.1f ms, max %.1f ms", v[v.length / 2] / 1e6,
                v[Math.min(v.length - 1, (int) (v.length * 0.99))] / 1e6, v[v.length - 1] / 1e6);
    }

    private HistoryBenchmark() {
    }

}
