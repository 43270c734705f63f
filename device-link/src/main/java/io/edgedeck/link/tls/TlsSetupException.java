package io.edgedeck.link.tls;

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/**
 * EdgeDeck's own TLS credentials cannot be used — a file is missing or unreadable, is not PEM or PKCS#12, the
 * passphrase is wrong, the key does not belong to the certificate. The message is for a person; nothing was sent
 * to the broker yet.
 */
public class TlsSetupException extends RuntimeException {
    public TlsSetupException(String message) {
        super(message);
    }

    public TlsSetupException(String message, Throwable cause) {
        super(message, cause);
    }

    static String reason(Exception e) {
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof NoSuchFileException) return "no such file";
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
