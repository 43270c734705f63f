package io.edgedeck.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a file database lives and the H2 URL that opens it. */
final class StorePaths {
    static final String H2_SUFFIX = ".mv.db";
    /**
     * DB_CLOSE_ON_EXIT=FALSE: H2's own shutdown hook must not close the database under the app's last commit; the app
     * closes the store. WRITE_DELAY=0: a commit is written to the file before it returns. With H2's default (500 ms
     * background write) a process killed right after a commit lost it (LocalStoreTest#aCommitIsDurable...).
     * TRACE_LEVEL_FILE=4: H2 logs through SLF4J (logger "h2database") instead of writing a .trace.db file next to the
     * database or printing to stderr when it cannot.
     */
    static final String URL_OPTIONS = ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;TRACE_LEVEL_FILE=4";

    private StorePaths() {
    }

    /** The database path without the ".mv.db" ending, absolute and normalised (what H2 wants in the URL). */
    static Path base(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path name = abs.getFileName();
        if (name == null) {
            throw new StoreException("Cannot open database " + abs + ": a file name is needed, not a folder");
        }
        String n = name.toString();
        if (n.endsWith(H2_SUFFIX)) {
            n = n.substring(0, n.length() - H2_SUFFIX.length());
        }
        if (n.isEmpty()) {
            throw new StoreException("Cannot open database " + abs + ": the file name is empty");
        }
        return abs.resolveSibling(n);
    }

    /** The file H2 keeps the data in. */
    static Path dataFile(Path base) {
        return base.resolveSibling(base.getFileName() + H2_SUFFIX);
    }

    /** Checks what can be checked before H2 sees the path, creating the parent folders. */
    static void prepare(Path base) {
        String where = dataFile(base).toString();
        if (base.toString().indexOf(';') >= 0) {
            throw new StoreException("Cannot open database " + where + ": the path must not contain ';'");
        }
        if (Files.isDirectory(base) || Files.isDirectory(dataFile(base))) {
            throw new StoreException("Cannot open database " + where + ": that is a folder; choose a file name");
        }
        try {
            Files.createDirectories(base.getParent());
        } catch (IOException e) {
            Path blocker = firstNonFolder(base.getParent());
            String why = blocker != null ? blocker + " is a file, not a folder"
                    : StoreErrors.ioReason(e, "the system refused");
            throw new StoreException("Cannot open database " + where + ": cannot create folder " + base.getParent()
                    + " (" + why + ")", e);
        }
        if (!Files.isWritable(base.getParent())) {
            throw new StoreException("Cannot open database " + where + ": permission denied (folder "
                    + base.getParent() + " is not writable)");
        }
        Path data = dataFile(base);
        if (Files.exists(data) && !(Files.isReadable(data) && Files.isWritable(data))) {
            throw new StoreException("Cannot open database " + where + ": permission denied");
        }
    }

    /** The same path with symbolic links in its folder resolved, so one file has one name in this process. */
    static Path real(Path base) {
        try {
            return base.getParent().toRealPath().resolve(base.getFileName());
        } catch (IOException e) {
            return base;
        }
    }

    static String url(Path base, String options) {
        return "jdbc:h2:file:" + base + options;
    }

    /** The nearest existing ancestor of {@code folder} (or itself) when it is not a directory, else null. */
    private static Path firstNonFolder(Path folder) {
        for (Path p = folder.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                return Files.isDirectory(p) ? null : p;
            }
        }
        return null;
    }
}
