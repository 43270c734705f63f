package io.edgedeck.link.serial;

/** A serial port could not be opened or used; {@link #getMessage()} is a sentence a person understands. */
public class SerialException extends RuntimeException {

    /** Why the port failed; stable, for callers that map it to their own error codes. */
    public enum Reason {
        /** No such port or path. */
        NOT_FOUND,
        /** Another program holds the port. */
        BUSY,
        /** The user may not open the port (Linux: dialout group / udev rule). */
        PERMISSION,
        /** The port disappeared or failed while in use (cable pulled). */
        LOST,
        /** The port cannot do what was asked (e.g. DTR/RTS on a pseudo-terminal). */
        UNSUPPORTED,
        /** Anything else the operating system reported. */
        IO
    }

    private final Reason reason;

    public SerialException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public SerialException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
