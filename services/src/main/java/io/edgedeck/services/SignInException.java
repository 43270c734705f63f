package io.edgedeck.services;

/**
 * Sign-in was refused; the message is a sentence for people ("wrong passphrase for operator 'ana'") and never contains
 * the passphrase or key material. {@link #reason()} lets a UI react (e.g. focus the passphrase field).
 */
public final class SignInException extends RuntimeException {
    /** Why sign-in was refused. */
    public enum Reason {
        /** No operator has that name (or that key) in this console's database. */
        UNKNOWN_OPERATOR,
        /** The operator exists but is disabled. */
        DISABLED,
        /** This console holds no key file for the operator (their key lives elsewhere). */
        NO_KEY_HERE,
        /** The passphrase does not unlock the operator's key. */
        WRONG_PASSPHRASE,
        /** The unlocked key is not the key registered for the operator (another operator's, or a replaced one). */
        KEY_MISMATCH,
        /** The key file exists but cannot be read (damaged, permissions). */
        KEY_UNREADABLE
    }

    private final Reason reason;

    public SignInException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
