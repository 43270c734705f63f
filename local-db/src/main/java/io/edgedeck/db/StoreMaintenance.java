package io.edgedeck.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the database file close to the size of its live data while the store is open.
 *
 * <p>H2 writes each commit as a new chunk and leaves the older copies of changed pages behind in earlier chunks. A
 * chunk with no live page left is freed at the next commit, but one that keeps a few live pages (a full B-tree leaf
 * of readings that is never touched again, until retention deletes it days later) keeps its whole space. H2's
 * background thread rewrites such sparse chunks — but with {@code WRITE_DELAY=0}, which EdgeDeck needs so a commit
 * is in the file before the MQTT message is acknowledged, H2 starts no background thread, and the file grows far past
 * the live data (measured in local-db/README.md, "File size").
 *
 * <p>{@link #runOnce(Duration)} does that maintenance in small steps: it has H2 rewrite the live pages of the sparsest
 * chunks ({@link MVStore#compact(int, int)}, at most {@value #STEP_BYTES} bytes a step) and stores them
 * ({@link MVStore#commit()}), until the chunks are {@value #TARGET_FILL_RATE} % full or the time budget is spent.
 * It does not take the writer's lock: each step holds H2's store lock only briefly, so a commit waits at most for one
 * step. Freed chunks are reused by later chunks (the file stops growing) and H2 truncates free space at its end.
 * Nothing about durability changes: commits are still written and synced before they return; the rewritten pages are
 * copies, and H2 keeps the chunks they came from for its retention time.
 */
public final class StoreMaintenance {
    private static final Logger LOG = LoggerFactory.getLogger(StoreMaintenance.class);
    /** Rewrite chunks until their live pages fill this percentage of them. */
    static final int TARGET_FILL_RATE = 80;
    /** Live bytes rewritten per step (one short hold of H2's store lock). */
    static final int STEP_BYTES = 1 << 20;

    private final MVStore mvStore;
    private final String location;

    /**
     * What one run did: steps that rewrote something, the longest step (how long a commit may have waited), the
     * chunks' fill rate before and after.
     */
    public record Run(int steps, Duration longestStep, Duration took, int fillRateBefore, int fillRateAfter) {
    }

    private StoreMaintenance(MVStore mvStore, String location) {
        this.mvStore = mvStore;
        this.location = location;
    }

    /** The maintenance of the database behind {@code c} (an embedded H2 connection); none for in-memory databases. */
    static StoreMaintenance of(Connection c, String location) throws SQLException {
        MVStore store = null;
        if (c.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session) {
            MVStore mv = session.getDatabase().getStore().getMvStore();
            if (mv.getFileStore() != null) {
                store = mv;
            }
        }
        return new StoreMaintenance(store, location);
    }

    /** The chunks' fill rate (percentage of their bytes that are live pages); 100 for an in-memory database. */
    public int chunksFillRate() {
        return mvStore == null ? 100 : mvStore.getFileStore().getChunksFillRate();
    }

    /**
     * Rewrites sparse chunks for at most about {@code budget} (the step that crosses it finishes). Safe beside
     * commits and queries; does nothing on an in-memory or closed database.
     */
    public Run runOnce(Duration budget) {
        long start = System.nanoTime();
        if (mvStore == null || mvStore.isClosed()) {
            return new Run(0, Duration.ZERO, Duration.ZERO, 100, 100);
        }
        int before = chunksFillRate();
        int steps = 0;
        long longest = 0;
        long deadline = start + budget.toNanos();
        while (System.nanoTime() - deadline < 0 && !mvStore.isClosed()) {
            long t0 = System.nanoTime();
            boolean rewrote = mvStore.compact(TARGET_FILL_RATE, STEP_BYTES);
            if (rewrote) {
                mvStore.commit();
            }
            longest = Math.max(longest, System.nanoTime() - t0);
            if (!rewrote) {
                break;
            }
            steps++;
        }
        int after = mvStore.isClosed() ? before : chunksFillRate();
        Run run = new Run(steps, Duration.ofNanos(longest), Duration.ofNanos(System.nanoTime() - start), before, after);
        if (steps > 0) {
            LOG.debug("Maintenance of {}: {} steps in {} ms (longest {} ms), chunks fill rate {} → {} %", location,
                    steps, run.took().toMillis(), run.longestStep().toMillis(), before, after);
        }
        return run;
    }
}
