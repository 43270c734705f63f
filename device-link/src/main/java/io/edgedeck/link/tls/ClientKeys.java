package io.edgedeck.link.tls;

import javax.net.ssl.KeyManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Turns a {@link ClientIdentity} into a {@link KeyManagerFactory}: reads the files, checks that the key belongs to
 * the certificate (a test signature verified with the certificate's public key), and holds the result in an
 * in-memory key store. ECDSA, RSA and EdDSA keys.
 */
final class ClientKeys {
    private final PemFiles pem;

    ClientKeys(PemFiles pem) {
        this.pem = pem;
    }

    KeyManagerFactory keyManagers(ClientIdentity identity) {
        return switch (identity) {
            case ClientIdentity.Pem p -> fromPem(p);
            case ClientIdentity.Pkcs12 p -> fromPkcs12(p);
        };
    }

    private KeyManagerFactory fromPem(ClientIdentity.Pem id) {
        List<X509Certificate> chain = pem.certificates(id.certificate(), "certificate file");
        PrivateKey key = pem.privateKey(id.privateKey(), id.passphrase());
        requireMatch(key, chain.getFirst(), id.privateKey() + "", id.certificate() + "");
        return keyManagersFor(key, chain.toArray(X509Certificate[]::new));
    }

    private KeyManagerFactory fromPkcs12(ClientIdentity.Pkcs12 id) {
        Path file = id.file();
        char[] pass = id.passphrase().map(Passphrase::chars).orElse(new char[0]);
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, pass);
            for (String alias : Collections.list(store.aliases())) {
                if (!store.isKeyEntry(alias)) continue;
                PrivateKey key = (PrivateKey) store.getKey(alias, pass);
                Certificate[] chain = store.getCertificateChain(alias);
                if (chain == null || chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
                    throw new TlsSetupException("The PKCS#12 file " + file + " holds a key without its certificate");
                }
                requireMatch(key, leaf, file + "", file + "");
                X509Certificate[] x509 = new X509Certificate[chain.length];
                for (int i = 0; i < chain.length; i++) x509[i] = (X509Certificate) chain[i];
                return keyManagersFor(key, x509);
            }
            throw new TlsSetupException("The PKCS#12 file " + file + " holds no private key");
        } catch (NoSuchFileException e) {
            throw new TlsSetupException("The PKCS#12 file " + file + " does not exist");
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
                throw new TlsSetupException("Cannot open the PKCS#12 file " + file + ": wrong passphrase"
                        + (id.passphrase().isEmpty() ? " (none was given: --key-passphrase-file FILE)" : ""), e);
            }
            throw new TlsSetupException("Cannot read the PKCS#12 file " + file + ": " + TlsSetupException.reason(e), e);
        } catch (UnrecoverableKeyException e) {
            throw new TlsSetupException("Cannot open the key in the PKCS#12 file " + file + ": wrong passphrase", e);
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException("Cannot read the PKCS#12 file " + file + ": " + TlsSetupException.reason(e), e);
        } finally {
            java.util.Arrays.fill(pass, '\0');
        }
    }

    /** Signs a random challenge with the key and verifies it with the certificate's public key. */
    static void requireMatch(PrivateKey key, X509Certificate cert, String keyName, String certName) {
        PublicKey pub = cert.getPublicKey();
        if (!key.getAlgorithm().equalsIgnoreCase(pub.getAlgorithm())
                && !(isEc(key.getAlgorithm()) && isEc(pub.getAlgorithm()))) {
            throw mismatch(keyName, certName, key.getAlgorithm() + " key, " + pub.getAlgorithm() + " certificate");
        }
        byte[] challenge = new byte[32];
        new SecureRandom().nextBytes(challenge);
        String alg = switch (pub.getAlgorithm().toUpperCase(Locale.ROOT)) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "ED25519", "ED448", "EDDSA" -> pub.getAlgorithm();
            default -> throw new TlsSetupException("The certificate " + certName + " has a " + pub.getAlgorithm()
                    + " key; EdgeDeck supports ECDSA, RSA and EdDSA client keys");
        };
        boolean ok;
        try {
            Signature s = Signature.getInstance(alg);
            s.initSign(key);
            s.update(challenge);
            byte[] sig = s.sign();
            Signature v = Signature.getInstance(alg);
            v.initVerify(pub);
            v.update(challenge);
            ok = v.verify(sig);
        } catch (GeneralSecurityException e) {
            ok = false;
        }
        if (!ok) throw mismatch(keyName, certName, null);
    }

    private static boolean isEc(String alg) {
        return alg.equalsIgnoreCase("EC") || alg.equalsIgnoreCase("ECDSA");
    }

    private static TlsSetupException mismatch(String keyName, String certName, String detail) {
        return new TlsSetupException("The key " + keyName + " does not match the certificate " + certName
                + (detail != null ? " (" + detail + ")" : "") + ": they are not one key pair");
    }

    private static KeyManagerFactory keyManagersFor(PrivateKey key, X509Certificate[] chain) {
        try {
            char[] memoryPass = new char[0];
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("client", key, memoryPass, chain);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
            kmf.init(store, memoryPass);
            return kmf;
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsSetupException("Cannot use the client key: " + TlsSetupException.reason(e), e);
        }
    }
}
