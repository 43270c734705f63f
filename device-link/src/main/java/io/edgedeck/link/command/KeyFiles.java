package io.edgedeck.link.command;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.jce.spec.ECParameterSpec;
import org.bouncycastle.jce.spec.ECPublicKeySpec;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Operator key files.
 * <ul>
 *   <li>Private: an encrypted PKCS#8 PEM ({@code ENCRYPTED PRIVATE KEY}: PBES2, PBKDF2-HMAC-SHA256 with
 *       {@value #PBKDF2_ITERATIONS} iterations, AES-256-CBC — openssl reads it), optionally preceded by a text line
 *       {@code Operator: NAME}; created owner-only ({@code rw-------}) where the file system has POSIX permissions.</li>
 *   <li>Public: a PEM {@code PUBLIC KEY} (SubjectPublicKeyInfo), for devices.</li>
 *   <li>Import: an existing P-256 key as unencrypted or encrypted PKCS#8 ({@code PRIVATE KEY},
 *       {@code ENCRYPTED PRIVATE KEY}) or SEC1 ({@code EC PRIVATE KEY}, also with OpenSSL's legacy encryption).</li>
 * </ul>
 * Errors are {@link KeyFileException}s with a sentence for people; no message carries key material.
 */
public final class KeyFiles {
    public static final int PBKDF2_ITERATIONS = 100_000;
    private static final String OPERATOR_PREFIX = "Operator: ";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final SecureRandom random;

    /** @param random for the salt and IV of the encryption */
    public KeyFiles(SecureRandom random) {
        this.random = random;
    }

    // ---- private keys ---------------------------------------------------------------------------------------------

    /**
     * Writes the key encrypted with the passphrase to a new file (never over an existing one), owner-only.
     *
     * @param operatorName written as an {@code Operator: NAME} line before the PEM, or null for none
     */
    public void writeEncrypted(Path file, OperatorKey key, String operatorName, char[] passphrase) {
        if (operatorName != null && (operatorName.isBlank() || operatorName.contains("\n") || operatorName.contains("\r"))) {
            throw new KeyFileException("operator name must be one non-empty line");
        }
        String pem;
        try {
            OutputEncryptor encryptor = new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                    .setProvider(BouncyCastle.PROVIDER)
                    .setRandom(random)
                    .setPRF(JcaPKCS8Generator.PRF_HMACSHA256)
                    .setIterationCount(PBKDF2_ITERATIONS)
                    .setPassword(passphrase)
                    .build();
            pem = toPem(new JcaPKCS8Generator(key.privateKey(), encryptor));
        } catch (Exception e) {
            throw new KeyFileException("cannot encrypt the key: " + e.getClass().getSimpleName(), e);
        }
        String text = (operatorName != null ? OPERATOR_PREFIX + operatorName + "\n" : "") + pem;
        writeOwnerOnly(file, text);
    }

    /** Reads an EdgeDeck key file (or any key {@link #importKey} takes) and unlocks it with the passphrase. */
    public LoadedKey read(Path file, char[] passphrase) {
        String text = readText(file);
        Object pem = parsePem(file, text);
        OperatorKey key = unlock(file, pem, passphrase);
        List<String> warnings = new ArrayList<>();
        permissionWarning(file).ifPresent(warnings::add);
        return new LoadedKey(file, operatorLine(text), key, warnings);
    }

    /** Whether unlocking the file needs a passphrase (it is encrypted). */
    public static boolean isEncrypted(Path file) {
        Object pem = parsePem(file, readText(file));
        return pem instanceof PKCS8EncryptedPrivateKeyInfo || pem instanceof PEMEncryptedKeyPair;
    }

    /**
     * Reads an existing private key in any supported form; {@code passphrase} is only used when it is encrypted
     * (may be null otherwise). Write it out with {@link #writeEncrypted}.
     */
    public LoadedKey importKey(Path source, char[] passphrase) {
        return read(source, passphrase);
    }

    /** The {@code Operator: NAME} line of a key file, if it has one; needs no passphrase. */
    public static Optional<String> operatorName(Path file) {
        return operatorLine(readText(file));
    }

    /** "F is readable by other users; ..." when group or others may read the file (POSIX file systems only). */
    public static Optional<String> permissionWarning(Path file) {
        try {
            PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
            if (view == null) return Optional.empty();
            Set<PosixFilePermission> p = view.readAttributes().permissions();
            boolean shared = p.contains(PosixFilePermission.GROUP_READ) || p.contains(PosixFilePermission.OTHERS_READ)
                    || p.contains(PosixFilePermission.GROUP_WRITE) || p.contains(PosixFilePermission.OTHERS_WRITE);
            return shared ? Optional.of(file + " is readable by other users; run: chmod 600 " + file) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    // ---- public keys ----------------------------------------------------------------------------------------------

    /** PEM {@code PUBLIC KEY} text (SubjectPublicKeyInfo) of a key. */
    public static String publicPem(ECPublicKey key) {
        try {
            return toPem(key);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void writePublic(Path file, ECPublicKey key) {
        try {
            Files.writeString(file, publicPem(key), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new KeyFileException("cannot write " + file + ": " + reason(e), e);
        }
    }

    /** Reads a PEM {@code PUBLIC KEY} file holding a P-256 key. */
    public static ECPublicKey readPublic(Path file) {
        return parsePublic(file.toString(), readText(file));
    }

    /**
     * Parses PEM {@code PUBLIC KEY} text holding a P-256 key; text around the PEM block (such as an
     * {@code Operator: NAME} line) is ignored. {@code source} names it in messages, which say what is wrong in words:
     * a private key given instead of a public one, another curve or algorithm, no PEM block at all.
     */
    public static ECPublicKey parsePublic(String source, String pemText) {
        Object pem;
        try (PEMParser p = new PEMParser(new StringReader(pemText))) {
            pem = p.readObject();
        } catch (IOException | RuntimeException e) {
            throw new KeyFileException(source + " is not a PEM public key (its PEM block is damaged)");
        }
        if (pem == null) {
            throw new KeyFileException(source + " is not a PEM file (no -----BEGIN PUBLIC KEY----- block)");
        }
        if (pem instanceof PrivateKeyInfo || pem instanceof PEMKeyPair || pem instanceof PKCS8EncryptedPrivateKeyInfo
                || pem instanceof PEMEncryptedKeyPair) {
            throw new KeyFileException(source + " holds a private key: give the public key instead "
                    + "(-----BEGIN PUBLIC KEY-----, e.g. from 'edgedeck keys public --out FILE')");
        }
        if (!(pem instanceof SubjectPublicKeyInfo spki)) {
            throw new KeyFileException(source + " is not a PEM public key (-----BEGIN PUBLIC KEY-----)");
        }
        PublicKey key;
        try {
            key = new JcaPEMKeyConverter().setProvider(BouncyCastle.PROVIDER).getPublicKey(spki);
        } catch (IOException | RuntimeException e) {
            throw new KeyFileException(source + " holds a public key that cannot be read");
        }
        if (!(key instanceof ECPublicKey ec)) {
            throw new KeyFileException(source + " is not an elliptic-curve public key (a P-256 key is needed, it is "
                    + key.getAlgorithm() + ")");
        }
        requireP256(source, ec);
        return ec;
    }

    // ---- inside ---------------------------------------------------------------------------------------------------

    private static OperatorKey unlock(Path file, Object pem, char[] passphrase) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(BouncyCastle.PROVIDER);
        PrivateKey priv;
        try {
            if (pem instanceof PKCS8EncryptedPrivateKeyInfo enc) {
                requirePassphrase(file, passphrase);
                PrivateKeyInfo info;
                try {
                    info = enc.decryptPrivateKeyInfo(new JceOpenSSLPKCS8DecryptorProviderBuilder()
                            .setProvider(BouncyCastle.PROVIDER).build(passphrase));
                } catch (Exception e) {
                    throw new KeyFileException("wrong passphrase for key file " + file);
                }
                priv = converter.getPrivateKey(info);
            } else if (pem instanceof PEMEncryptedKeyPair enc) {
                requirePassphrase(file, passphrase);
                PEMKeyPair pair;
                try {
                    pair = enc.decryptKeyPair(new JcePEMDecryptorProviderBuilder().setProvider(BouncyCastle.PROVIDER)
                            .build(passphrase));
                } catch (Exception e) {
                    throw new KeyFileException("wrong passphrase for key file " + file);
                }
                priv = converter.getPrivateKey(pair.getPrivateKeyInfo());
            } else if (pem instanceof PEMKeyPair pair) {
                priv = converter.getPrivateKey(pair.getPrivateKeyInfo());
            } else if (pem instanceof PrivateKeyInfo info) {
                priv = converter.getPrivateKey(info);
            } else {
                throw new KeyFileException(file + " holds no private key (expected -----BEGIN ENCRYPTED PRIVATE KEY-----, "
                        + "PRIVATE KEY or EC PRIVATE KEY)");
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof KeyFileException k) throw k;
            throw new KeyFileException(file + " holds a private key that cannot be read");
        }
        if (!(priv instanceof ECPrivateKey ec)) {
            throw new KeyFileException(file + " is not a P-256 key (it is " + priv.getAlgorithm() + ")");
        }
        ECPublicKey pub = derivePublic(ec);
        requireP256(file.toString(), pub);
        return new OperatorKey(ec, pub);
    }

    private static void requirePassphrase(Path file, char[] passphrase) {
        if (passphrase == null) throw new KeyFileException(file + " is encrypted: a passphrase is needed");
    }

    /** Q = d·G: encrypted PKCS#8 does not carry the public key. */
    private static ECPublicKey derivePublic(ECPrivateKey priv) {
        try {
            var bc = (org.bouncycastle.jce.interfaces.ECPrivateKey) priv;
            ECParameterSpec spec = bc.getParameters();
            var q = spec.getG().multiply(bc.getD()).normalize();
            return (ECPublicKey) KeyFactory.getInstance("EC", BouncyCastle.PROVIDER)
                    .generatePublic(new ECPublicKeySpec(q, spec));
        } catch (GeneralSecurityException | ClassCastException | NullPointerException e) {
            throw new KeyFileException("the key is not a P-256 key");
        }
    }

    private static void requireP256(String source, ECPublicKey key) {
        try {
            OperatorKeys.requireP256(key);
        } catch (IllegalArgumentException e) {
            throw new KeyFileException(source + " is not a P-256 key");
        }
    }

    private static Object parsePem(Path file, String text) {
        try (PEMParser p = new PEMParser(new StringReader(text))) {
            Object o = p.readObject();
            if (o == null) {
                throw new KeyFileException(file + " is not a PEM key file (no -----BEGIN ... ----- line)");
            }
            return o;
        } catch (IOException | RuntimeException e) {
            if (e instanceof KeyFileException k) throw k;
            throw new KeyFileException(file + " is not a readable PEM key file");
        }
    }

    private static Optional<String> operatorLine(String text) {
        for (String line : text.split("\r?\n")) {
            if (line.startsWith("-----BEGIN")) break;
            if (line.startsWith(OPERATOR_PREFIX)) return Optional.of(line.substring(OPERATOR_PREFIX.length()).trim());
        }
        return Optional.empty();
    }

    private static String readText(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new KeyFileException("key file " + file + " does not exist");
        } catch (IOException e) {
            throw new KeyFileException("cannot read key file " + file + ": " + reason(e));
        }
    }

    private static void writeOwnerOnly(Path file, String text) {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            if (Files.exists(file)) {
                throw new KeyFileException(file + " exists already; choose another file or remove it first");
            }
            boolean posix = Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class);
            FileAttribute<?>[] attrs = posix
                    ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(OWNER_ONLY)} : new FileAttribute<?>[0];
            tmp = Files.createTempFile(dir, ".edgedeck-key", ".tmp", attrs);
            Files.writeString(tmp, text, StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
        } catch (FileAlreadyExistsException e) {
            throw new KeyFileException(file + " exists already; choose another file or remove it first");
        } catch (IOException e) {
            throw new KeyFileException("cannot write " + file + ": " + reason(e), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    private static String toPem(Object o) throws IOException {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
            pw.writeObject(o);
        }
        return w.toString();
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof NoSuchFileException) return "no such file or folder";
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
