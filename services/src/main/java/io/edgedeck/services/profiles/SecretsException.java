package io.edgedeck.services.profiles;

/** Saved secrets could not be read or written; the message says why in words. */
public class SecretsException extends RuntimeException {
    public SecretsException(String message) {
        super(message);
    }

    public SecretsException(String message, Throwable cause) {
        super(message, cause);
    }
}
