package io.edgedeck.link.tls;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to secure the broker link.
 *
 * @param trustSystemStore trust the CAs of the operating system's store (on Linux its CA bundle, else the JDK's)
 * @param caFile           a pinned CA file (PEM, one or more certificates); trusted alone unless {@code trustSystemStore}
 * @param identity         the client certificate for mutual TLS, if the broker wants one
 * @param verifyHostname   check the broker's name against its certificate's SAN (CN when it has no SAN); turning it
 *                         off lets anyone holding a certificate from a trusted CA pose as the broker
 * @param protocols        TLS versions offered, a non-empty subset of {@link #SUPPORTED_PROTOCOLS}
 */
public record TlsSettings(boolean trustSystemStore, Optional<Path> caFile, Optional<ClientIdentity> identity,
                          boolean verifyHostname, List<String> protocols) {
    /** TLS 1.3 and 1.2; nothing older. */
    public static final List<String> SUPPORTED_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    public TlsSettings {
        Objects.requireNonNull(caFile, "caFile");
        Objects.requireNonNull(identity, "identity");
        protocols = List.copyOf(protocols);
        if (!trustSystemStore && caFile.isEmpty()) {
            throw new IllegalArgumentException("TLS needs something to trust: the system's CAs, a CA file, or both");
        }
        if (protocols.isEmpty() || !SUPPORTED_PROTOCOLS.containsAll(protocols)) {
            throw new IllegalArgumentException("TLS versions must be among " + SUPPORTED_PROTOCOLS + ", not " + protocols);
        }
    }

    /** Trusts the operating system's CAs (public brokers: AWS IoT Core, HiveMQ Cloud, EMQX Cloud...). */
    public static TlsSettings systemTrust() {
        return new TlsSettings(true, Optional.empty(), Optional.empty(), true, SUPPORTED_PROTOCOLS);
    }

    /** Trusts only the CA(s) in this PEM file (a private CA, e.g. Mosquitto's). */
    public static TlsSettings pinnedCa(Path caFile) {
        return new TlsSettings(false, Optional.of(caFile), Optional.empty(), true, SUPPORTED_PROTOCOLS);
    }

    public TlsSettings withSystemStore(boolean trust) {
        return new TlsSettings(trust, caFile, identity, verifyHostname, protocols);
    }

    public TlsSettings withIdentity(ClientIdentity id) {
        return new TlsSettings(trustSystemStore, caFile, Optional.of(id), verifyHostname, protocols);
    }

    /** Client certificate from PEM files, or a PKCS#12 file when {@code key} is null and the name ends in .p12/.pfx. */
    public TlsSettings withIdentity(Path certificate, Path key, Optional<Passphrase> passphrase) {
        return withIdentity(ClientIdentity.of(certificate, key, passphrase));
    }

    public TlsSettings withHostnameVerification(boolean verify) {
        return new TlsSettings(trustSystemStore, caFile, identity, verify, protocols);
    }

    public TlsSettings withProtocols(List<String> versions) {
        return new TlsSettings(trustSystemStore, caFile, identity, verifyHostname, versions);
    }

    /** "the CA file ca.pem", "the system's trusted CAs", or both: what a refusal names as the trust. */
    public String trustDescription() {
        String system = "the system's trusted CAs";
        if (caFile.isEmpty()) return system;
        String file = "the CA file " + caFile.get();
        return trustSystemStore ? file + " and " + system : file;
    }
}
