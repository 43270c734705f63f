package io.edgedeck.link.mqtt;

import io.edgedeck.link.tls.ServerCertificateException;

import javax.net.ssl.SSLException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says in words why a TLS handshake with the broker failed: EdgeDeck refused the broker's certificate (not trusted,
 * name mismatch, expired — see {@link ServerCertificateException}), the broker refused EdgeDeck's client certificate
 * or wanted one, no common TLS version, or the port does not speak TLS at all.
 */
final class TlsFailures {
    private static final Pattern ALERT = Pattern.compile("fatal alert: ([a-z_]+)");

    private TlsFailures() {
    }

    /** A sentence if {@code error} is a TLS failure, else empty. */
    static Optional<String> describe(BrokerSettings settings, Throwable error) {
        if (settings.tls().isEmpty()) return Optional.empty();
        String where = "The TLS handshake with the MQTT broker at " + settings.host() + ":" + settings.port() + " failed: ";
        boolean sawSsl = false;
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ServerCertificateException sce) {
                return Optional.of(where + lowerFirst(sce.getMessage()));
            }
            if (t instanceof SSLException) sawSsl = true;
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage();
            Matcher alert = ALERT.matcher(m);
            if (alert.find()) {
                return Optional.of(where + alert(settings, alert.group(1)));
            }
            String lower = m.toLowerCase(Locale.ROOT);
            if (lower.contains("no appropriate protocol") || lower.contains("protocol_version")) {
                return Optional.of(where + versions(settings));
            }
            if (lower.contains("unrecognized ssl message") || lower.contains("plaintext connection")
                    || lower.contains("not an ssl/tls record")) {
                return Optional.of(where + "the broker does not speak TLS on port " + settings.port()
                        + " (plain MQTT? then use tcp://" + settings.host() + ":" + settings.port() + ")");
            }
            if (lower.contains("hostname verification failed")) {
                return Optional.of(where + "the broker's certificate is not valid for '" + settings.host() + "'");
            }
        }
        if (sawSsl) {
            Throwable last = error;
            for (Throwable t = error; t != null; t = t.getCause()) if (t instanceof SSLException) last = t;
            return Optional.of(where + (last.getMessage() == null ? last.getClass().getSimpleName() : last.getMessage()));
        }
        return Optional.empty();
    }

    /** The broker ended the handshake with a TLS alert: mostly about EdgeDeck's client certificate. */
    private static String alert(BrokerSettings settings, String alert) {
        boolean haveCert = settings.tls().get().identity().isPresent();
        String refused = "the broker refused EdgeDeck's client certificate";
        return switch (alert) {
            case "certificate_required" -> "the broker requires a client certificate"
                    + (haveCert ? " and did not accept the one given" : ": give one with --cert FILE --key FILE");
            case "unknown_ca" -> haveCert
                    ? refused + ": it does not trust the CA that issued it (TLS alert unknown_ca)"
                    : "the broker does not trust something in the handshake (TLS alert unknown_ca)";
            case "bad_certificate", "unsupported_certificate", "certificate_unknown" -> haveCert
                    ? refused + " (TLS alert " + alert + ")"
                    : "the broker requires a client certificate: give one with --cert FILE --key FILE (TLS alert " + alert + ")";
            case "certificate_expired" -> refused + ": it says the certificate has expired";
            case "certificate_revoked" -> refused + ": the certificate has been revoked";
            case "access_denied" -> refused + ": access denied for this certificate";
            case "decrypt_error" -> refused + ": the client key's signature did not verify (TLS alert decrypt_error)";
            case "handshake_failure" -> haveCert
                    ? "the broker ended the handshake (no common cipher suite, or it refused the client certificate)"
                    : "the broker ended the handshake: it probably requires a client certificate "
                            + "(give one with --cert FILE --key FILE), or there is no common cipher suite";
            case "protocol_version" -> versions(settings);
            case "internal_error" -> "the broker reported an internal TLS error (see the broker's log)";
            default -> "the broker sent the TLS alert " + alert.replace('_', ' ');
        };
    }

    private static String versions(BrokerSettings settings) {
        var offered = settings.tls().get().protocols().stream().map(p -> p.replace("TLSv", "TLS ")).toList();
        return "no TLS version in common: EdgeDeck offers " + String.join(" and ", offered)
                + " (never anything older than 1.2), the broker accepts none of them";
    }

    private static String lowerFirst(String s) {
        if (s == null || s.isEmpty()) return "";
        return s.startsWith("The ") ? "t" + s.substring(1) : s;
    }
}
