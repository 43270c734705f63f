package io.edgedeck.db;

import java.sql.Connection;
import java.sql.SQLException;

/** A piece of work inside one transaction. */
@FunctionalInterface
interface SqlWork<T> {
    T run(Connection c) throws SQLException;
}
