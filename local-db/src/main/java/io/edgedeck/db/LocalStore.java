package io.edgedeck.db;

import java.nio.file.Path;

/**
 * The local H2 database: opened (and migrated) once, then handing out the writer and the query objects.
 * Thread-safe; one instance per database file.
 */
public final class LocalStore implements AutoCloseable {

    /** Opens or creates the database file (path without or with the ".mv.db" ending) and migrates its schema. */
    public static LocalStore open(Path file) {
        throw new UnsupportedOperationException("TODO local-db");
    }

    /** A private in-memory database (for tests and throw-away runs). */
    public static LocalStore inMemory() {
        throw new UnsupportedOperationException("TODO local-db");
    }

    /** The writer the ingest pipeline commits batches through. */
    public TelemetryWriter writer() {
        throw new UnsupportedOperationException("TODO local-db");
    }

    public DeviceRegistry devices() {
        throw new UnsupportedOperationException("TODO local-db");
    }

    public ReadingQueries readings() {
        throw new UnsupportedOperationException("TODO local-db");
    }

    public QuarantineLog quarantine() {
        throw new UnsupportedOperationException("TODO local-db");
    }

    /** Where the database lives, for display ("in memory" for in-memory stores). */
    public String location() {
        throw new UnsupportedOperationException("TODO local-db");
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("TODO local-db");
    }
}
