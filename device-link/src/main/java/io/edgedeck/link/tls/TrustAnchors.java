package io.edgedeck.link.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The CAs a {@link TlsSettings} trusts, as one key store: the pinned CA file's certificates and/or the operating
 * system's store — Windows' ROOT store, the macOS keychain's roots, the distribution's CA bundle on Linux and BSD
 * (where the administrator adds company CAs), or the JDK's own list where none of these is found.
 */
final class TrustAnchors {
    /** CA bundles of the common distributions (Debian/Ubuntu, Fedora/RHEL, openSUSE, Alpine, FreeBSD). */
    static final List<Path> LINUX_BUNDLES = List.of(
            Path.of("/etc/ssl/certs/ca-certificates.crt"),
            Path.of("/etc/pki/tls/certs/ca-bundle.crt"),
            Path.of("/etc/ssl/ca-bundle.pem"),
            Path.of("/etc/ssl/cert.pem"),
            Path.of("/usr/local/share/certs/ca-root-nss.crt"));

    private final PemFiles pem;

    TrustAnchors(PemFiles pem) {
        this.pem = pem;
    }

    KeyStore load(TlsSettings settings) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int n = 0;
            if (settings.caFile().isPresent()) {
                for (X509Certificate c : pem.certificates(settings.caFile().get(), "CA file")) {
                    store.setCertificateEntry("pinned-" + n++, c);
                }
            }
            if (settings.trustSystemStore()) {
                for (Certificate c : systemCertificates()) {
                    store.setCertificateEntry("system-" + n++, c);
                }
            }
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsSetupException("Cannot assemble the trusted CAs: " + TlsSetupException.reason(e), e);
        }
    }

    /** The operating system's trusted CA certificates. */
    static List<Certificate> systemCertificates() throws GeneralSecurityException, IOException {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win")) return certificatesOf(nativeStore("Windows-ROOT"));
        if (os.contains("mac")) {
            try {
                return certificatesOf(nativeStore("KeychainStore-ROOT"));
            } catch (GeneralSecurityException | IOException olderJdk) {
                return jdkCertificates();
            }
        }
        for (Path bundle : LINUX_BUNDLES) {
            if (Files.isReadable(bundle)) {
                try (InputStream in = Files.newInputStream(bundle)) {
                    var certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
                    if (!certs.isEmpty()) return List.copyOf(certs);
                }
            }
        }
        return jdkCertificates();
    }

    private static KeyStore nativeStore(String type) throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance(type);
        ks.load(null, null);
        return ks;
    }

    private static List<Certificate> jdkCertificates() throws GeneralSecurityException, IOException {
        Path cacerts = Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        try (InputStream in = Files.newInputStream(cacerts)) {
            ks.load(in, null);
        }
        return certificatesOf(ks);
    }

    private static List<Certificate> certificatesOf(KeyStore ks) throws GeneralSecurityException {
        return Collections.list(ks.aliases()).stream().map(a -> {
            try {
                return ks.getCertificate(a);
            } catch (GeneralSecurityException e) {
                return null;
            }
        }).filter(java.util.Objects::nonNull).toList();
    }
}
