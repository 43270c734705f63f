package io.edgedeck.link.tls;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads certificates and private keys from PEM files with BouncyCastle: certificates; private keys as PKCS#8
 * ({@code PRIVATE KEY}), encrypted PKCS#8 ({@code ENCRYPTED PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}), SEC1
 * ({@code EC PRIVATE KEY}) and legacy OpenSSL encryption ({@code Proc-Type: 4,ENCRYPTED}). Problems become
 * {@link TlsSetupException}s that name the file.
 */
final class PemFiles {
    private final Provider bc = new BouncyCastleProvider();

    /** Every certificate in the file, in order; at least one. */
    List<X509Certificate> certificates(Path file, String what) {
        List<X509Certificate> certs = new ArrayList<>();
        var converter = new JcaX509CertificateConverter();
        try (PEMParser parser = open(file, what)) {
            Object o;
            while ((o = parser.readObject()) != null) {
                if (o instanceof X509CertificateHolder h) certs.add(converter.getCertificate(h));
            }
        } catch (IOException | CertificateException e) {
            throw new TlsSetupException("The " + what + " " + file + " is not a PEM certificate file: " + TlsSetupException.reason(e), e);
        }
        if (certs.isEmpty()) {
            throw new TlsSetupException("The " + what + " " + file + " holds no certificate (expected a PEM file with "
                    + "-----BEGIN CERTIFICATE-----)");
        }
        return certs;
    }

    /** The first private key in the file, decrypted with the passphrase where it is encrypted. */
    PrivateKey privateKey(Path file, Optional<Passphrase> passphrase) {
        var converter = new JcaPEMKeyConverter();
        try (PEMParser parser = open(file, "key file")) {
            Object o;
            while ((o = parser.readObject()) != null) {
                switch (o) {
                    case PrivateKeyInfo info -> {
                        return converter.getPrivateKey(info);
                    }
                    case PEMKeyPair pair -> {
                        // SEC1 keys may lack the public half: take the private key only
                        return converter.getPrivateKey(pair.getPrivateKeyInfo());
                    }
                    case PKCS8EncryptedPrivateKeyInfo encrypted -> {
                        char[] pass = needPassphrase(file, passphrase);
                        PrivateKeyInfo info;
                        try {
                            var decryptor = new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(bc).build(pass);
                            info = encrypted.decryptPrivateKeyInfo(decryptor);
                        } catch (Exception e) {
                            throw wrongPassphrase(file, e);
                        } finally {
                            java.util.Arrays.fill(pass, '\0');
                        }
                        return converter.getPrivateKey(info);
                    }
                    case PEMEncryptedKeyPair encrypted -> {
                        char[] pass = needPassphrase(file, passphrase);
                        PEMKeyPair pair;
                        try {
                            var decryptor = new JcePEMDecryptorProviderBuilder().setProvider(bc).build(pass);
                            pair = encrypted.decryptKeyPair(decryptor);
                        } catch (Exception e) {
                            throw wrongPassphrase(file, e);
                        } finally {
                            java.util.Arrays.fill(pass, '\0');
                        }
                        return converter.getPrivateKey(pair.getPrivateKeyInfo());
                    }
                    default -> {
                        // certificates or parameters next to the key: skip
                    }
                }
            }
        } catch (IOException e) {
            throw new TlsSetupException("The key file " + file + " is not a PEM private key: " + TlsSetupException.reason(e), e);
        }
        throw new TlsSetupException("The key file " + file + " holds no private key (expected a PEM file with "
                + "-----BEGIN PRIVATE KEY----- or similar)");
    }

    private static char[] needPassphrase(Path file, Optional<Passphrase> passphrase) {
        return passphrase.orElseThrow(() -> new TlsSetupException("The key file " + file
                + " is encrypted: give its passphrase (--key-passphrase-file FILE)")).chars();
    }

    private static TlsSetupException wrongPassphrase(Path file, Exception e) {
        return new TlsSetupException("Cannot decrypt the key file " + file + ": wrong passphrase", e);
    }

    private static PEMParser open(Path file, String what) {
        Reader reader;
        try {
            if (Files.isDirectory(file)) throw new TlsSetupException("The " + what + " " + file + " is a folder, not a file");
            reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new TlsSetupException("The " + what + " " + file + " does not exist");
        } catch (IOException e) {
            throw new TlsSetupException("Cannot read the " + what + " " + file + ": " + TlsSetupException.reason(e), e);
        }
        return new PEMParser(reader);
    }
}
