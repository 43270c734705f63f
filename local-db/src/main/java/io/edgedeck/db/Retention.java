package io.edgedeck.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes history past its {@link RetentionPolicy}: raw readings older than the raw tier, rollup buckets that ended
 * before their tier's cut-off. First the resolution's watermark moves (queries then take that part from a coarser
 * resolution), then the rows go, device by device, in small batches by key range (the tables are keyed by
 * {@code device << 43 | time}, so a batch is one contiguous range of the primary key). Each batch is its own short
 * transaction on the writer between ingest commits, and retention yields after each one:
 *
 * <ul>
 * <li>a batch covers a time span that adapts to the rows found, aiming at {@value #TARGET_ROWS} rows (a batch of
 * more than twice that, or slower than twice {@value #TARGET_BATCH_MS} ms, halves the span; one of less than half
 * of it doubles it);</li>
 * <li>after a batch, retention pauses as long as the batch took (at least 1 ms), so it takes at most about half of
 * the writer's time and a waiting commit goes first;</li>
 * <li>the writer's cache of its newest rollup rows loses only the rows retention may have deleted.</li>
 * </ul>
 * Measured by bench/history (longest commit of a concurrent writer with and without retention).
 */
public final class Retention {
    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
    static final int TARGET_ROWS = 1_000;
    static final long TARGET_BATCH_MS = 10;
    private static final Duration NO_BUDGET = Duration.ofDays(36_500);

    private final TelemetryWriter writer;
    private final HistoryState history;
    private final DeviceCache devices;
    private final String location;
    private final StoreMaintenance maintenance;
    /** How often the background schedule runs {@link StoreMaintenance} (between retention runs, same thread). */
    static final Duration MAINTENANCE_EVERY = Duration.ofSeconds(30);
    /** Time budget of one maintenance run. */
    static final Duration MAINTENANCE_BUDGET = Duration.ofSeconds(2);
    private ScheduledExecutorService scheduler;
    /** Set by {@link #stop()}: a running pass ends after its current batch (no interrupts: they would close H2's file). */
    private volatile boolean stopping;

    /**
     * What one run deleted, per resolution, and the longest single batch (how long a commit may have waited);
     * {@code complete} is false when the run stopped at its time budget (or at {@link #stop()}) with rows left.
     */
    public record Run(Map<Resolution, Long> deleted, int batches, Duration longestBatch, Duration took,
                      boolean complete) {
        public long total() {
            return deleted.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    Retention(TelemetryWriter writer, HistoryState history, DeviceCache devices, String location,
              StoreMaintenance maintenance) {
        this.writer = writer;
        this.maintenance = maintenance;
        this.history = history;
        this.devices = devices;
        this.location = location;
    }

    /** Deletes everything past the policy as of {@code now}; returns what it did. */
    public Run runOnce(RetentionPolicy policy, Instant now) {
        return runOnce(policy, now, NO_BUDGET);
    }

    /**
     * Like {@link #runOnce(RetentionPolicy, Instant)} but stops after about {@code budget} (after the batch that
     * crosses it). All watermarks move first, so queries are right whatever is left; the next run goes on.
     */
    public Run runOnce(RetentionPolicy policy, Instant now, Duration budget) {
        Objects.requireNonNull(policy, "policy");
        long start = System.nanoTime();
        // a budget beyond a century is no budget (and keeps the nanosecond sum from overflowing)
        long deadline = budget.compareTo(NO_BUDGET) >= 0 ? Long.MAX_VALUE : start + budget.toNanos();
        Map<Resolution, Long> deleted = new EnumMap<>(Resolution.class);
        Batches batches = new Batches();
        batches.deadline = deadline;
        for (Resolution r : Resolution.values()) {
            long cutoff = now.minus(policy.keep(r)).toEpochMilli();
            long before = Math.max(0, r.bucketStart(cutoff));
            if (before > history.purgedBefore(r)) {
                writer.inTransaction(c -> {
                    HistoryState.write(c, r, before);
                    return null;
                });
                history.set(r, before);
            }
            List<Integer> ids = new ArrayList<>();
            devices.entries().values().forEach(e -> ids.add(e.id()));
            long total = 0;
            for (int device : ids) {
                if (batches.over()) {
                    batches.cut = true;
                    break;
                }
                total += deleteDevice(r, device, before, batches);
            }
            deleted.put(r, total);
        }
        Run run = new Run(deleted, batches.count, Duration.ofNanos(batches.longest),
                Duration.ofNanos(System.nanoTime() - start), !batches.cut);
        if (run.total() > 0) {
            LOG.info("Retention deleted {} from {} in {} ms, {} batches (longest batch {} ms)", deleted, location,
                    run.took().toMillis(), run.batches(), run.longestBatch().toMillis());
        }
        return run;
    }

    /** Deletes the device's rows of {@code r} before {@code before} in key-range batches; returns how many. */
    private long deleteDevice(Resolution r, int device, long before, Batches batches) {
        long hi = ReadingKey.lower(device, before);
        long cursor = ReadingKey.lower(device, Long.MIN_VALUE);
        // a first span of about TARGET_ROWS rows at one reading per second or one bucket per row
        long span = Math.max(1_000L, r == Resolution.RAW ? TARGET_ROWS * 1_000L : TARGET_ROWS * r.bucketMillis());
        long total = 0;
        String delete = "DELETE FROM " + r.table() + " WHERE k >= ? AND k < ?";
        String first = "SELECT k FROM " + r.table() + " WHERE k >= ? AND k < ? ORDER BY k LIMIT 1";
        while (cursor < hi) {
            if (batches.over()) {
                batches.cut = true;
                break;
            }
            long from = cursor;
            long width = span;
            long t0 = System.nanoTime();
            SqlWork<long[]> work = c -> {
                long lo;
                try (PreparedStatement ps = c.prepareStatement(first)) {
                    ps.setLong(1, from);
                    ps.setLong(2, hi);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            return null; // nothing left before the cut-off
                        }
                        lo = rs.getLong(1);
                    }
                }
                long end = Math.min(hi, lo + width);
                try (PreparedStatement ps = c.prepareStatement(delete)) {
                    ps.setLong(1, lo);
                    ps.setLong(2, end);
                    return new long[] {ps.executeUpdate(), end};
                }
            };
            long[] result = writer.inTransaction(work, r, ReadingKey.time(hi));
            long nanos = System.nanoTime() - t0;
            batches.count++;
            batches.longest = Math.max(batches.longest, nanos);
            if (result == null) {
                break;
            }
            total += result[0];
            cursor = result[1];
            long ms = nanos / 1_000_000;
            if (ms > 2 * TARGET_BATCH_MS || result[0] > 2L * TARGET_ROWS) {
                span = Math.max(1_000L, span / 2);
            } else if (result[0] < TARGET_ROWS / 2) {
                span = Math.min(span * 2, 1L << 40); // sparse rows: a wider span for about TARGET_ROWS
            }
            pause(nanos);
        }
        return total;
    }

    /** Lets a waiting commit take the writer: as long as the batch took, at least 1 ms. */
    private static void pause(long batchNanos) {
        try {
            Thread.sleep(Duration.ofNanos(Math.max(1_000_000L, Math.min(batchNanos, 200_000_000L))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Batches {
        int count;
        long longest;
        long deadline;
        /** Whether a device's deletion was cut short (rows may be left). */
        boolean cut;

        boolean over() {
            return stopping || (deadline != Long.MAX_VALUE && System.nanoTime() - deadline > 0);
        }
    }

    /**
     * Runs retention in the background: first after {@code firstAfter}, then every {@code every}; on the same thread,
     * every {@link #MAINTENANCE_EVERY}, the store's {@link StoreMaintenance} (at most {@link #MAINTENANCE_BUDGET} a
     * run). A failure is logged and the next run tries again. Stopped by {@link #stop()} (and by closing the store).
     */
    public synchronized void startBackground(RetentionPolicy policy, Duration firstAfter, Duration every, Clock clock) {
        Objects.requireNonNull(policy, "policy");
        if (scheduler != null) {
            throw new IllegalStateException("retention already runs in the background");
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "edgedeck-retention");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                runOnce(policy, clock.instant());
            } catch (RuntimeException e) {
                LOG.warn("Retention on {} failed; it runs again in {}", location, every, e);
            }
        }, firstAfter.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                if (!stopping) {
                    maintenance.runOnce(MAINTENANCE_BUDGET);
                }
            } catch (RuntimeException e) {
                LOG.warn("Maintenance of {} failed; it runs again in {}", location, MAINTENANCE_EVERY, e);
            }
        }, MAINTENANCE_EVERY.toMillis(), MAINTENANCE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the background runs (waits for a running one to finish its batch). */
    public synchronized void stop() {
        if (scheduler == null) {
            return;
        }
        stopping = true;
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler = null;
        stopping = false;
    }
}
