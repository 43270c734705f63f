package io.edgedeck.link.command;

/**
 * A key file could not be written or read; the message is a sentence for people ("wrong passphrase for key file
 * alice.key") and never contains key material or the passphrase.
 */
public final class KeyFileException extends RuntimeException {
    KeyFileException(String message) {
        super(message);
    }

    KeyFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
