package io.edgedeck.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Shrinks a database file after large deletions. H2 reuses the pages retention frees, but the file does not get
 * smaller by itself; {@code SHUTDOWN COMPACT} rewrites it with only the live pages. The database must not be open
 * elsewhere: H2's file lock refuses a second process, and that refusal is reported as such.
 */
public final class StoreCompaction {
    /** Sizes of the .mv.db file before and after, in bytes. */
    public record Result(Path file, long bytesBefore, long bytesAfter) {
    }

    private StoreCompaction() {
    }

    /**
     * Compacts the database at {@code file} (the name with or without .mv.db).
     *
     * @throws StoreException with a message for the user when there is no database there, it is in use by another
     *         process, or it cannot be rewritten
     */
    public static Result compact(Path file) {
        Path base = StorePaths.base(file);
        Path data = StorePaths.dataFile(base);
        String where = data.toString();
        if (!Files.isRegularFile(data)) {
            throw new StoreException("Cannot compact " + where + ": there is no EdgeDeck database there", null);
        }
        try {
            long before = Files.size(data);
            try (Connection c = DriverManager.getConnection(StorePaths.url(base, StorePaths.URL_OPTIONS
                    + ";IFEXISTS=TRUE"), StoreConnections.USER, StoreConnections.PASSWORD);
                 Statement s = c.createStatement()) {
                s.execute("SHUTDOWN COMPACT");
            }
            return new Result(data, before, Files.size(data));
        } catch (SQLException e) {
            throw new StoreException("Cannot compact " + where + ": " + StoreErrors.openReason(e), e);
        } catch (IOException e) {
            throw new StoreException("Cannot compact " + where + ": " + e.getMessage(), e);
        }
    }
}
