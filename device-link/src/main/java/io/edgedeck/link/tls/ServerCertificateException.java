package io.edgedeck.link.tls;

import java.security.cert.CertificateException;

/**
 * EdgeDeck refused the broker's certificate during the TLS handshake; the message says why in words and names the
 * certificate ("The broker's certificate CN=broker is not trusted: ...").
 */
public final class ServerCertificateException extends CertificateException {
    /** Why the certificate was refused. */
    public enum Reason {
        /** Not issued by a trusted CA (self-signed, private CA not given with --ca, incomplete chain). */
        NOT_TRUSTED,
        /** The broker's name is not among the certificate's names (SAN, or CN without SAN). */
        NAME_MISMATCH,
        /** The certificate (or one in its chain) has expired. */
        EXPIRED,
        /** The certificate (or one in its chain) is not valid yet (or this computer's clock is behind). */
        NOT_YET_VALID
    }

    private final Reason reason;

    public ServerCertificateException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
