package io.edgedeck.link.tls;

import io.edgedeck.link.tls.ServerCertificateException.Reason;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks the broker's certificate with the JDK's PKIX trust manager and, when it refuses, says why in words: expired
 * or not yet valid (with the date), not issued by a trusted CA (naming the issuer and what is trusted), or issued for
 * another name (naming the broker's name and the certificate's names). The name check is the JDK's own (HTTPS rules:
 * SAN DNS names and IP addresses, wildcards in the left-most label; CN only without SAN); it runs on the handshake's
 * engine, which must ask for it — this trust manager fails closed if it does not.
 */
final class ExplainingTrustManager extends X509ExtendedTrustManager {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final X509ExtendedTrustManager pkix;
    private final boolean verifyHostname;
    private final String trusted;

    ExplainingTrustManager(X509ExtendedTrustManager pkix, boolean verifyHostname, String trustDescription) {
        this.pkix = pkix;
        this.verifyHostname = verifyHostname;
        this.trusted = trustDescription;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkChain(chain, authType);
        if (!verifyHostname) return;
        String algorithm = engine == null ? null : engine.getSSLParameters().getEndpointIdentificationAlgorithm();
        if (!"HTTPS".equalsIgnoreCase(algorithm)) {
            throw new CertificateException("the TLS engine does not verify the broker's name; refusing to go on");
        }
        try {
            pkix.checkServerTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            String host = engine.getPeerHost();
            throw new ServerCertificateException(Reason.NAME_MISMATCH, "The broker's certificate is not valid for '"
                    + host + "': it names " + names(chain[0]), e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        if (verifyHostname) {
            throw new CertificateException("the broker's name can only be verified on an SSLEngine connection");
        }
        checkChain(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (verifyHostname) {
            throw new CertificateException("the broker's name can only be verified on an SSLEngine connection");
        }
        checkChain(chain, authType);
    }

    /** Validity dates first (a clearer reason than PKIX's "validity check failed"), then the path to a trusted CA. */
    private void checkChain(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new ServerCertificateException(Reason.NOT_TRUSTED, "The broker sent no certificate", null);
        }
        for (int i = 0; i < chain.length; i++) {
            X509Certificate c = chain[i];
            String which = i == 0 ? "The broker's certificate " + subject(c) : "The CA certificate " + subject(c)
                    + " in the broker's chain";
            try {
                c.checkValidity();
            } catch (CertificateExpiredException e) {
                throw new ServerCertificateException(Reason.EXPIRED, which + " expired on "
                        + DAY.format(c.getNotAfter().toInstant()), e);
            } catch (CertificateNotYetValidException e) {
                throw new ServerCertificateException(Reason.NOT_YET_VALID, which + " is not valid before "
                        + DAY.format(c.getNotBefore().toInstant()) + " (or this computer's clock is behind)", e);
            }
        }
        try {
            pkix.checkServerTrusted(chain, authType);
        } catch (CertificateException e) {
            X509Certificate leaf = chain[0];
            String issuer = leaf.getIssuerX500Principal().equals(leaf.getSubjectX500Principal())
                    ? "it is self-signed"
                    : "it was issued by " + leaf.getIssuerX500Principal().getName();
            throw new ServerCertificateException(Reason.NOT_TRUSTED, "The broker's certificate " + subject(chain[0])
                    + " is not trusted: " + issuer + ", which is not among " + trusted
                    + " (give the broker's CA with --ca FILE)", e);
        }
    }

    static String subject(X509Certificate c) {
        return c.getSubjectX500Principal().getName();
    }

    /** "DNS:wrong.example, IP:10.0.0.1 (SAN)" or "CN=broker (no SAN)". */
    static String names(X509Certificate c) {
        List<String> names = new ArrayList<>();
        try {
            var sans = c.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    int type = (Integer) san.get(0);
                    if (type == 2) names.add("DNS:" + san.get(1));
                    if (type == 7) names.add("IP:" + san.get(1));
                }
            }
        } catch (CertificateParsingException ignored) {
            // fall back to the subject
        }
        if (names.isEmpty()) return subject(c) + " (no subject alternative names)";
        return String.join(", ", names) + " (subject " + subject(c) + ")";
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("EdgeDeck does not accept TLS clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("EdgeDeck does not accept TLS clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("EdgeDeck does not accept TLS clients");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return pkix.getAcceptedIssuers();
    }
}
