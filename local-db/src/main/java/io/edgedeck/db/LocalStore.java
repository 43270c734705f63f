package io.edgedeck.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local H2 database: opened (and migrated) once, then handing out the writer and the query objects.
 * Thread-safe; one instance per database file.
 *
 * <p>Opening a file that another EdgeDeck process (or another {@code LocalStore} in this process) holds open fails
 * with a {@link StoreException} that says so; all failure messages are written for a person, the technical cause is
 * attached as the exception's cause.
 */
public final class LocalStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalStore.class);
    /** Files open in this JVM: H2 would silently share them, but the contract is one store per file. */
    private static final Set<Path> OPEN_FILES = ConcurrentHashMap.newKeySet();

    private final StoreConnections db;
    private final String location;
    private final Path openFile;
    private final TelemetryWriter writer;
    private final DeviceRegistry devices;
    private final ReadingQueries readings;
    private final QuarantineLog quarantine;
    private final AuditLog audit;
    private final OperatorRegistry operators;
    private final Retention retention;
    private final AlertStore alerts;
    private final StoreMaintenance maintenance;

    private LocalStore(StoreConnections db, String location, Path openFile, DeviceCache cache, HistoryState history,
                       Clock clock, StoreMaintenance maintenance) {
        this.db = db;
        this.location = location;
        this.openFile = openFile;
        this.writer = new TelemetryWriter(db, cache, history, location);
        this.devices = new DeviceRegistry(db, cache, location);
        this.readings = new ReadingQueries(db, cache, history, location);
        this.maintenance = maintenance;
        this.retention = new Retention(writer, history, cache, location, maintenance);
        this.quarantine = new QuarantineLog(db, location);
        this.audit = new AuditLog(db, location, clock);
        this.operators = new OperatorRegistry(db, audit, clock, location);
        this.alerts = new AlertStore(db, audit, clock, location);
    }

    /** Opens or creates the database file (path without or with the ".mv.db" ending) and migrates its schema. */
    public static LocalStore open(Path file) {
        return open(file, StorePaths.URL_OPTIONS);
    }

    /** {@link #open(Path)} with other H2 URL settings (";KEY=VALUE..."), for benchmarks and tests. */
    static LocalStore open(Path file, String urlOptions) {
        return open(file, urlOptions, Clock.systemUTC());
    }

    /** {@link #open(Path)} with the clock that stamps audit entries and new operators, for tests. */
    static LocalStore open(Path file, Clock clock) {
        return open(file, StorePaths.URL_OPTIONS, clock);
    }

    private static LocalStore open(Path file, String urlOptions, Clock clock) {
        Path base = StorePaths.base(file);
        String where = StorePaths.dataFile(base).toString();
        StorePaths.prepare(base);
        base = StorePaths.real(base);
        if (!OPEN_FILES.add(base)) {
            throw new StoreException("Cannot open database " + where + ": it is already open in this EdgeDeck");
        }
        try {
            LocalStore store = start(StorePaths.url(base, urlOptions), where, base, clock);
            LOG.info("Opened database {} ({} devices)", where, store.devices.count());
            return store;
        } catch (RuntimeException e) {
            OPEN_FILES.remove(base);
            throw e;
        }
    }

    /** A private in-memory database (for tests and throw-away runs). */
    public static LocalStore inMemory() {
        return start("jdbc:h2:mem:edgedeck-" + UUID.randomUUID() + StorePaths.URL_OPTIONS, "in memory", null,
                Clock.systemUTC());
    }

    private static LocalStore start(String url, String where, Path openFile, Clock clock) {
        StoreConnections db;
        try {
            db = StoreConnections.open(url);
        } catch (SQLException e) {
            throw StoreErrors.openFailed(where, e);
        }
        try {
            Migrations.migrate(url, where);
            DeviceCache cache = new DeviceCache();
            cache.load(db.writer());
            db.writer().commit();
            RollupBackfill.runIfNeeded(db.writer(), cache, where);
            HistoryState history = HistoryState.load(db.writer());
            db.writer().commit();
            StoreMaintenance maintenance = StoreMaintenance.of(db.writer(), where);
            return new LocalStore(db, where, openFile, cache, history, clock, maintenance);
        } catch (Exception e) {
            try {
                db.close();
            } catch (SQLException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw StoreErrors.openFailed(where, e);
        }
    }

    /** The writer the ingest pipeline commits batches through. */
    public TelemetryWriter writer() {
        return writer;
    }

    public DeviceRegistry devices() {
        return devices;
    }

    public ReadingQueries readings() {
        return readings;
    }

    public QuarantineLog quarantine() {
        return quarantine;
    }

    /** The tamper-evident log of operator changes, commands and logins. */
    public AuditLog audit() {
        return audit;
    }

    /** The console's operators and their roles; every change is checked and audited. */
    public OperatorRegistry operators() {
        return operators;
    }

    /** Deletes history past its retention tier, on demand or in the background. */
    public Retention retention() {
        return retention;
    }

    /**
     * Rewrites sparse chunks of the file so it stays near the size of the live data; runs beside retention's
     * background schedule ({@link Retention#startBackground}) or on demand.
     */
    public StoreMaintenance maintenance() {
        return maintenance;
    }

    /** How the database file is used (size, live data, H2's fill rates); reads every table's size, not for the UI thread. */
    public StoreSpace space() {
        try (Connection c = db.reader()) {
            return StoreSpace.read(c);
        } catch (SQLException e) {
            throw new StoreException("Cannot read the size of " + location + ": " + StoreErrors.ioReason(e,
                    "the database did not answer"), e);
        }
    }

    /** Alert rules and the alarms they raised; acknowledgements are audited. */
    public AlertStore alerts() {
        return alerts;
    }

    /** Where the database lives, for display ("in memory" for in-memory stores). */
    public String location() {
        return location;
    }

    /** Whether {@link #close()} has been called. */
    public boolean isClosed() {
        return db.isClosed();
    }

    /** A reader connection for package-level tools (benchmarks, tests). */
    Connection readerConnection() throws SQLException {
        return db.reader();
    }

    /**
     * Waits for a running commit, then closes all connections and shuts the database down; the file is then free
     * for another process. Calling it again does nothing; using the store afterwards throws {@link StoreException}.
     */
    @Override
    public void close() {
        retention.stop();
        writer.runExclusively(() -> {
            if (db.isClosed()) {
                return;
            }
            try {
                writer.flushRegistry();
                db.close();
                LOG.info("Closed database {}", location);
            } catch (SQLException e) {
                throw new StoreException("Closing database " + location + " failed: "
                        + StoreErrors.ioReason(e, "the last changes may not have been saved"), e);
            } finally {
                if (openFile != null) {
                    OPEN_FILES.remove(openFile);
                }
            }
        });
    }
}
