package io.edgedeck.link.tls;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** The certificate and private key EdgeDeck shows the broker (mutual TLS): PEM files or one PKCS#12 file. */
public sealed interface ClientIdentity {

    /**
     * A certificate (chain) in PEM and its private key in PEM: PKCS#8 (encrypted or not), PKCS#1 RSA or SEC1 EC,
     * also legacy OpenSSL-encrypted. The key may sit in the certificate file ({@code certificate == privateKey}).
     */
    record Pem(Path certificate, Path privateKey, Optional<Passphrase> passphrase) implements ClientIdentity {
        public Pem {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(privateKey, "privateKey");
            Objects.requireNonNull(passphrase, "passphrase");
        }
    }

    /** A PKCS#12 file ({@code .p12}, {@code .pfx}) holding the key and its certificate chain. */
    record Pkcs12(Path file, Optional<Passphrase> passphrase) implements ClientIdentity {
        public Pkcs12 {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(passphrase, "passphrase");
        }
    }

    /**
     * What a user gives on the command line: {@code --cert FILE} with {@code --key FILE}, or a PKCS#12 file as
     * {@code --cert} alone (recognised by its .p12/.pfx name).
     */
    static ClientIdentity of(Path certificate, Path key, Optional<Passphrase> passphrase) {
        Objects.requireNonNull(certificate, "certificate");
        if (key == null) {
            String name = certificate.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            if (name.endsWith(".p12") || name.endsWith(".pfx")) return new Pkcs12(certificate, passphrase);
            return new Pem(certificate, certificate, passphrase);
        }
        return new Pem(certificate, key, passphrase);
    }
}
