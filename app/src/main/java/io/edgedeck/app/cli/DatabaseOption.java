package io.edgedeck.app.cli;

import io.edgedeck.db.LocalStore;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/** {@code --db PATH} for the commands that work on an existing database file. */
public final class DatabaseOption {
    @Option(names = "--db", required = true, paramLabel = "PATH", description = "The EdgeDeck database file.")
    Path db;

    /** Opens the database, which must exist (a typo must not create an empty one). */
    LocalStore openExisting() {
        return openExisting(db);
    }

    /** Opens {@code db}, which must exist. */
    static LocalStore openExisting(Path db) {
        if (!Files.exists(db) && !Files.exists(Path.of(db + ".mv.db"))) {
            throw new IllegalArgumentException("there is no EdgeDeck database at " + db);
        }
        return LocalStore.open(db);
    }

    /** Opens the database, creating it when absent. */
    LocalStore openOrCreate() {
        return LocalStore.open(db);
    }
}
