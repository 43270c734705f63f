package io.edgedeck.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The JDBC side of one open database: a dedicated writer connection (manual commit, used by one thread at a time
 * under the writer's lock) and a small pool of reader connections. H2's MVCC lets readers run while the writer
 * commits.
 */
final class StoreConnections implements AutoCloseable {
    static final String USER = "sa";
    static final String PASSWORD = "";
    private static final int MAX_READERS = 4;

    private final String url;
    private final Connection writer;
    private final JdbcConnectionPool readers;
    private volatile boolean closed;

    private StoreConnections(String url, Connection writer) {
        this.url = url;
        this.writer = writer;
        this.readers = JdbcConnectionPool.create(url, USER, PASSWORD);
        this.readers.setMaxConnections(MAX_READERS);
    }

    /** Opens the database behind {@code url} (creating it when absent) with the writer connection. */
    static StoreConnections open(String url) throws SQLException {
        Connection writer = DriverManager.getConnection(url, USER, PASSWORD);
        try {
            writer.setAutoCommit(false);
            return new StoreConnections(url, writer);
        } catch (SQLException | RuntimeException e) {
            writer.close();
            throw e;
        }
    }

    String url() {
        return url;
    }

    /** The writer connection; callers hold the writer lock and commit or roll back themselves. */
    Connection writer() {
        ensureOpen();
        return writer;
    }

    /** A reader connection from the pool (auto-commit); close it to give it back. */
    /**
     * Runs {@code work} in one transaction on a connection of its own: committed when it returns, rolled back when it
     * throws; a database failure becomes a {@link StoreException} naming {@code location}.
     */
    <T> T inTransaction(String location, SqlWork<T> work) {
        try (Connection c = reader()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw StoreErrors.writeFailed(location, e);
        }
    }

    Connection reader() throws SQLException {
        ensureOpen();
        return readers.getConnection();
    }

    void ensureOpen() {
        if (closed) {
            throw new StoreException("The local database is closed");
        }
    }

    boolean isClosed() {
        return closed;
    }

    /** Closes all connections and shuts the database down cleanly (the file is left consistent and unlocked). */
    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        readers.dispose();
        try (Statement s = writer.createStatement()) {
            writer.rollback();
            s.execute("SHUTDOWN");
        } finally {
            writer.close();
        }
    }
}
