package io.edgedeck.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits ingest batches. One transaction per call; when it returns, everything in the batch is durable.
 *
 * <p>Rules: a reading whose (device, time) is already stored is a duplicate (a redelivery) and is not stored again.
 * Readings of one batch that share (device, time) are merged into one row: the row carries every metric any of them
 * has, and for a metric several carry, the first reading's value wins. Non-finite values (NaN, ±infinity) are stored
 * as absent. Every reading in a batch either becomes a new row or counts as a duplicate, so
 * {@code readingsStored + duplicates == batch.readings().size()}.
 *
 * <p>Registry: unknown devices are added (first seen = their oldest time in the batch); last seen becomes the newest
 * time seen so far (readings and availability); any reading sets the device online, then the batch's availability
 * announcements are applied in order (an explicit offline in the same batch wins over readings). A device first known
 * as {@link DeviceKind#GENERIC} takes the kind of a later, more specific message. The registry is exact for readers
 * of this store at once; the device table itself is written behind (a row whose only change is a later last seen is
 * rewritten at most every {@value #REGISTRY_FLUSH_MILLIS} ms, and at close; see {@link RegistryUpdater}).
 *
 * <p>Durability: the commit is written to the database file and synced to the disk before this returns (a process
 * killed right after a commit keeps it; see LocalStoreTest). If the sync itself fails, the commit stands but a
 * {@link StoreException} is thrown; a retry of the batch then counts its readings as duplicates.
 *
 * <p>Thread-safe: commits are serialised over one writer connection.
 */
public final class TelemetryWriter {
    private static final Logger LOG = LoggerFactory.getLogger(TelemetryWriter.class);

    private final StoreConnections db;
    private final DeviceCache cache;
    private final String location;
    private final HistoryState history;
    private final RollupTails tails = new RollupTails();
    private final RollupCache rollupCache = new RollupCache();
    private final ReentrantLock lock = new ReentrantLock();
    /** Maintain the rollups in each commit; off only to measure what they cost (InsertBenchmark). */
    static volatile boolean rollups = true;
    /** Force committed data to the disk (survives power loss, not just a crash); switchable for the benchmark. */
    static volatile boolean fsync = true;
    /**
     * A device row whose only change is a later last seen is rewritten at most this often (wall clock); the registry
     * in memory is always exact, and the row is written at close and repaired from the readings at open.
     */
    static final long REGISTRY_FLUSH_MILLIS = 5_000;
    private volatile long registryFlushMillis = REGISTRY_FLUSH_MILLIS;

    TelemetryWriter(StoreConnections db, DeviceCache cache, HistoryState history, String location) {
        this.db = db;
        this.cache = cache;
        this.history = history;
        this.location = location;
    }

    /**
     * Stores the batch's readings (a reading whose device and time are already stored counts as a duplicate and is not
     * stored again), updates the device registry (first/last seen, online state) and appends quarantined messages.
     *
     * @throws StoreException when the database cannot be written (nothing of the batch is then stored)
     * @throws IllegalArgumentException when a reading's time is outside 1970-01-01T00:00:00Z … 2248-09-26, the times
     *         the reading table's key can hold ({@link ReadingKey}; the decoder accepts only times from the year 2000
     *         to a day ahead); nothing of the batch is then stored
     */
    public CommitResult commit(IngestBatch batch) {
        Objects.requireNonNull(batch, "batch");
        for (Reading r : batch.readings()) {
            if (!ReadingKey.storable(r.epochMillis())) {
                throw new IllegalArgumentException("Reading time " + r.epochMillis() + " ms of device " + r.deviceId()
                        + " is outside what the store can hold (epoch milliseconds 0 to " + ReadingKey.MAX_TIME
                        + ", 1970-01-01 to 2248-09-26)");
            }
        }
        lock.lock();
        try {
            db.ensureOpen();
            if (!batch.hasStoreData()) {
                return new CommitResult(0, 0, 0);
            }
            return commitLocked(batch);
        } finally {
            lock.unlock();
        }
    }

    private CommitResult commitLocked(IngestBatch batch) {
        Connection c = db.writer();
        int idMark = cache.idMark();
        boolean committed = false;
        try {
            List<ReadingMerger.Row> rows = ReadingMerger.merge(batch.readings());
            Map<String, DeviceActivity.Device> activity = DeviceActivity.of(rows, batch.availability());
            RegistryUpdater.Result registry = RegistryUpdater.apply(c, cache, activity, registryFlushMillis);
            RollupCache.Pending written = null;
            RollupPlanner.Plan rollups = rows.isEmpty() || !TelemetryWriter.rollups ? null
                    : RollupPlanner.plan(c, rows, registry.ids(), tails, history.purgedBefore(Resolution.RAW), false);
            int stored = ReadingInserter.insert(c, rows, registry.ids());
            if (rollups != null) {
                if (stored != rollups.newRows()) {
                    throw new IllegalStateException("rollups expected " + rollups.newRows() + " new readings, the table"
                            + " took " + stored);
                }
                written = RollupRows.merge(c, rollups.delta(), rollupCache);
            }
            QuarantineLog.append(c, batch.quarantined());
            c.commit();
            cache.putAll(registry.changed());
            if (rollups != null) {
                rollups.tails().apply();
                written.apply();
            }
            committed = true;
            if (fsync) {
                sync(c);
            }
            int duplicates = batch.readings().size() - stored;
            if (duplicates > 0) {
                LOG.debug("Commit skipped {} duplicate reading(s) of {}", duplicates, batch.readings().size());
            }
            return new CommitResult(stored, duplicates, batch.quarantined().size());
        } catch (SQLException | RuntimeException e) {
            if (!committed) {
                cache.resetIds(idMark);
                try {
                    c.rollback();
                } catch (SQLException rollbackFailed) {
                    e.addSuppressed(rollbackFailed);
                }
            }
            if (e instanceof StoreException se) {
                throw se;
            }
            LOG.warn("Commit to {} failed", location, e);
            throw StoreErrors.writeFailed(location, e);
        }
    }

    /**
     * Adds readings to the 1-minute, 1-hour and 1-day rollups only, without keeping them as raw readings: for history
     * older than the raw retention (an import, the history benchmark), as if retention had already deleted the raw
     * rows. Each device's readings must be newer than everything it has; there is no duplicate check (no raw rows to
     * check against). Registers devices like {@link #commit}. One transaction, durable when it returns.
     *
     * @throws IllegalArgumentException when a device's readings are not newer than what it has, or a time is out of
     *         range; nothing is stored then
     */
    public int commitRollupsOnly(List<Reading> readings) {
        for (Reading r : readings) {
            if (!ReadingKey.storable(r.epochMillis())) {
                throw new IllegalArgumentException("Reading time " + r.epochMillis() + " ms is out of range");
            }
        }
        lock.lock();
        try {
            db.ensureOpen();
            Connection c = db.writer();
            int idMark = cache.idMark();
            try {
                List<ReadingMerger.Row> rows = ReadingMerger.merge(readings);
                Map<String, DeviceActivity.Device> activity = DeviceActivity.of(rows, List.of());
                RegistryUpdater.Result registry = RegistryUpdater.apply(c, cache, activity, registryFlushMillis);
                RollupPlanner.Plan plan = RollupPlanner.plan(c, rows, registry.ids(), tails, 0, true);
                RollupCache.Pending written = RollupRows.merge(c, plan.delta(), rollupCache);
                c.commit();
                cache.putAll(registry.changed());
                plan.tails().apply();
                written.apply();
                if (fsync) {
                    sync(c);
                }
                return plan.newRows();
            } catch (SQLException | RuntimeException e) {
                cache.resetIds(idMark);
                try {
                    c.rollback();
                } catch (SQLException rollbackFailed) {
                    e.addSuppressed(rollbackFailed);
                }
                if (e instanceof IllegalArgumentException iae) {
                    throw iae;
                }
                throw StoreErrors.writeFailed(location, e);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code work} in its own transaction on the writer connection, between commits (retention deletes one
     * small batch at a time this way, so a commit waits at most for one batch).
     */
    <T> T inTransaction(SqlWork<T> work) {
        return inTransaction(work, null, 0);
    }

    /**
     * {@link #inTransaction(SqlWork)} for work that deletes rows of {@code deletes} before time {@code before} only:
     * the writer's cache of newest rollup rows keeps the rows it cannot have touched (all when {@code deletes} is
     * null and the work is a general one: {@code before} 0 then means "may have changed anything").
     */
    <T> T inTransaction(SqlWork<T> work, Resolution deletes, long before) {
        lock.lock();
        try {
            db.ensureOpen();
            Connection c = db.writer();
            try {
                T result = work.run(c);
                c.commit();
                if (deletes == null) {
                    rollupCache.clear(); // the work may have changed cached rows
                } else {
                    rollupCache.dropBefore(deletes, before); // retention deleted rows older than this only
                }
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException rollbackFailed) {
                    e.addSuppressed(rollbackFailed);
                }
                throw e instanceof StoreException se ? se : StoreErrors.writeFailed(location, e);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * With WRITE_DELAY=0 H2 has written the commit to the file (it survives the process being killed); this also
     * makes the operating system put it on the disk, so it survives a power cut.
     */
    private static void sync(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CHECKPOINT SYNC");
        }
    }

    /** For tests: how often a device row is rewritten when only its last seen advanced. */
    void registryFlushMillis(long millis) {
        registryFlushMillis = millis;
    }

    /**
     * Writes the last seen times the device table does not have yet, durably (at close; the caller holds the lock
     * through {@link #runExclusively}). A failure is logged: the times are repaired from the readings at the next open.
     */
    void flushRegistry() {
        if (db.isClosed()) {
            return;
        }
        Connection c = db.writer();
        Map<String, DeviceCache.Entry> flushed = new HashMap<>();
        try {
            if (RegistryUpdater.flushAll(c, cache, flushed) == 0) {
                return;
            }
            c.commit();
            cache.putAll(flushed);
            if (fsync) {
                sync(c);
            }
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException rollbackFailed) {
                e.addSuppressed(rollbackFailed);
            }
            LOG.warn("Could not write the devices' last seen times to {}; they are rebuilt from the readings at the next"
                    + " open", location, e);
        }
    }

    /** Runs {@code action} while no commit is running (used to close the store). */
    void runExclusively(Runnable action) {
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }
}
