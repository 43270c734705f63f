package io.edgedeck.db;

/** An operator tried something their role (or a disabled account) does not allow; the message says so plainly. */
public final class AccessRefusedException extends RuntimeException {
    public AccessRefusedException(String message) {
        super(message);
    }
}
