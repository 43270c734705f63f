package io.edgedeck.db;

/** The local store failed; the message is written for a person (e.g. "cannot write /x/y.mv.db: permission denied"). */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
