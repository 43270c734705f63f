package io.edgedeck.db;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.sql.SQLException;
import java.util.Locale;

import org.flywaydb.core.api.FlywayException;
import org.h2.api.ErrorCode;

/**
 * Turns low-level failures into {@link StoreException}s whose message a person understands. The technical
 * exception stays attached as the cause (for the log), never in the message.
 */
final class StoreErrors {
    private StoreErrors() {
    }

    /** Opening or migrating the database at {@code where} failed. */
    static StoreException openFailed(String where, Throwable e) {
        return new StoreException("Cannot open database " + where + ": " + openReason(e), e);
    }

    /** A write (commit) failed. */
    static StoreException writeFailed(String where, Throwable e) {
        return new StoreException("Cannot save data to database " + where + ": " + ioReason(e, "the write failed"), e);
    }

    /** A query failed. */
    static StoreException readFailed(String where, Throwable e) {
        return new StoreException("Cannot read database " + where + ": " + ioReason(e, "the query failed"), e);
    }

    static String openReason(Throwable e) {
        if (e instanceof FlywayException) {
            return "its tables could not be set up or upgraded (" + firstLine(e.getMessage())
                    + "); it may come from a newer EdgeDeck version";
        }
        String fileSystem = ioReason(e, null);
        if (fileSystem != null) {
            return fileSystem;
        }
        SQLException sql = find(e, SQLException.class);
        if (sql != null) {
            switch (sql.getErrorCode()) {
                case ErrorCode.DATABASE_ALREADY_OPEN_1:
                    return "the file is in use by another EdgeDeck process (close the other EdgeDeck window first)";
                case ErrorCode.FILE_CORRUPTED_1:
                case ErrorCode.FILE_VERSION_ERROR_1:
                case ErrorCode.FILE_ENCRYPTION_ERROR_1:
                    return "the file is damaged or is not an EdgeDeck database";
                case ErrorCode.IO_EXCEPTION_1:
                case ErrorCode.IO_EXCEPTION_2:
                case ErrorCode.GENERAL_ERROR_1:
                    if (hasCause(e, "org.h2.mvstore.MVStoreException")) {
                        // the storage engine could not make sense of the file's content
                        return "the file is damaged or is not an EdgeDeck database";
                    }
                    break;
                case ErrorCode.WRONG_USER_OR_PASSWORD:
                    return "the file belongs to another program (it is protected by a password)";
                case ErrorCode.UNSUPPORTED_SETTING_1:
                case ErrorCode.URL_FORMAT_ERROR_2:
                    return "the path cannot be used for a database (avoid ';' and other special characters)";
                default:
                    break;
            }
        }
        return ioReason(e, "unexpected database error");
    }

    /** The most helpful file-system explanation found in the cause chain, or {@code fallback} (may be null). */
    static String ioReason(Throwable e, String fallback) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AccessDeniedException) {
                return "permission denied";
            }
            if (t instanceof NotDirectoryException || t instanceof java.nio.file.FileAlreadyExistsException) {
                return ((FileSystemException) t).getFile() + " is a file, not a folder";
            }
            if (t instanceof NoSuchFileException) {
                return "a folder on the path does not exist and cannot be created";
            }
            String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (m.contains("permission denied") || m.contains("access is denied")) {
                return "permission denied";
            }
            if (m.contains("read-only file system")) {
                return "the disk is read-only";
            }
            if (m.contains("no space left")) {
                return "the disk is full";
            }
        }
        SQLException sql = find(e, SQLException.class);
        if (fallback != null && sql != null && sql.getErrorCode() == ErrorCode.DATABASE_IS_CLOSED) {
            return "the database has been closed";
        }
        return fallback;
    }

    private static boolean hasCause(Throwable e, String className) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getClass().getName().equals(className)) {
                return true;
            }
        }
        return false;
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no details";
        }
        String line = s.strip().lines().findFirst().orElse("no details");
        return line.length() > 160 ? line.substring(0, 160) + "…" : line;
    }
}
