package io.edgedeck.db;

import java.sql.PreparedStatement;
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
 * resolution), then the rows go, device by device, in batches of {@value #BATCH} rows, each its own short transaction
 * on the writer between ingest commits — so a commit waits for one batch at most (measured by bench/history).
 */
public final class Retention {
    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
    static final int BATCH = 2_000;

    private final TelemetryWriter writer;
    private final HistoryState history;
    private final DeviceCache devices;
    private final String location;
    private ScheduledExecutorService scheduler;
    /** Set by {@link #stop()}: a running pass ends after its current batch (no interrupts: they would close H2's file). */
    private volatile boolean stopping;

    /** What one run deleted, per resolution, and the longest single batch (how long a commit may have waited). */
    public record Run(Map<Resolution, Long> deleted, int batches, Duration longestBatch, Duration took) {
        public long total() {
            return deleted.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    Retention(TelemetryWriter writer, HistoryState history, DeviceCache devices, String location) {
        this.writer = writer;
        this.history = history;
        this.devices = devices;
        this.location = location;
    }

    /** Deletes everything past the policy as of {@code now}; returns what it did. */
    public Run runOnce(RetentionPolicy policy, Instant now) {
        Objects.requireNonNull(policy, "policy");
        long start = System.nanoTime();
        Map<Resolution, Long> deleted = new EnumMap<>(Resolution.class);
        long longest = 0;
        int batches = 0;
        for (Resolution r : Resolution.values()) {
            long cutoff = now.minus(policy.keep(r)).toEpochMilli();
            long before = Math.max(0, r.bucketStart(cutoff));
            long total = 0;
            if (before > history.purgedBefore(r)) {
                writer.inTransaction(c -> {
                    HistoryState.write(c, r, before);
                    return null;
                });
                history.set(r, before);
            }
            List<Integer> ids = new ArrayList<>();
            devices.entries().values().forEach(e -> ids.add(e.id()));
            for (int device : ids) {
                if (stopping) {
                    break;
                }
                while (true) {
                    long t0 = System.nanoTime();
                    int n = writer.inTransaction(c -> {
                        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + r.table()
                                + " WHERE k >= ? AND k < ? FETCH FIRST " + BATCH + " ROWS ONLY")) {
                            ps.setLong(1, ReadingKey.lower(device, Long.MIN_VALUE));
                            ps.setLong(2, ReadingKey.lower(device, before));
                            return ps.executeUpdate();
                        }
                    });
                    longest = Math.max(longest, System.nanoTime() - t0);
                    batches++;
                    total += n;
                    if (n < BATCH || stopping) {
                        break;
                    }
                    Thread.yield(); // let a waiting commit in
                }
            }
            deleted.put(r, total);
        }
        Run run = new Run(deleted, batches, Duration.ofNanos(longest), Duration.ofNanos(System.nanoTime() - start));
        if (run.total() > 0) {
            LOG.info("Retention deleted {} from {} in {} ms (longest batch {} ms)", deleted, location,
                    run.took().toMillis(), run.longestBatch().toMillis());
        }
        return run;
    }

    /**
     * Runs retention in the background: first after {@code firstAfter}, then every {@code every}. A failure is logged
     * and the next run tries again. Stopped by {@link #stop()} (and by closing the store).
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
