package io.edgedeck.app.cli;

/** Exit codes of every command, stable for scripts. */
public final class ExitCodes {
    public static final int OK = 0;
    /** Something unexpected failed (details in the log). */
    public static final int FAILURE = 1;
    /**
     * Bad usage or bad input (unknown option, unparsable date, a TLS certificate, key or passphrase that cannot be
     * used, ...). picocli uses 2 for usage errors too.
     */
    public static final int USAGE = 2;
    /** The MQTT broker could not be reached or refused us, including a failed TLS handshake (the message says why). */
    public static final int BROKER = 3;
    /** The database could not be opened or written. */
    public static final int DATABASE = 4;
    /** A firmware image was refused (not an image, damaged, wrong chip, unsigned where signatures are required). */
    public static final int IMAGE_REFUSED = 5;
    /** The serial link or the board failed (no answer, port busy or missing, cable pulled, MD5 mismatch). */
    public static final int LINK = 6;
    /** The board answered but its flash lacks what the command needs (no partition table, no otadata, no such slot). */
    public static final int BOARD_STATE = 7;
    /** A relay command was refused: by the device (bad signature, expired, replayed, ...) or by the rate limit. */
    public static final int COMMAND_REJECTED = 8;
    /** A relay command got no answer from the device in time (offline? not subscribed?). */
    public static final int COMMAND_TIMEOUT = 9;
    /**
     * The acting operator may not do this (role, disabled, not an operator, a key that is not theirs); the refusal is
     * in the audit log.
     */
    public static final int NOT_PERMITTED = 10;
    /** {@code audit verify}: the audit log was altered, cut or added to behind EdgeDeck's back. */
    public static final int AUDIT_TAMPERED = 11;
    /** Cancelled by the user (Ctrl+C): 128 + SIGINT, what shells report for an interrupted program. */
    public static final int CANCELLED = 130;

    private ExitCodes() {
    }
}
