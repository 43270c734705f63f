package io.edgedeck.link.tls;

import io.edgedeck.link.tls.testing.TestPki;
import io.edgedeck.link.tls.testing.TestPki.KeyType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.net.ssl.X509KeyManager;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Reading EdgeDeck's own TLS credentials: every key format the brief names, and each way they can be wrong. */
class TlsCredentialsTest {
    @TempDir
    static Path dir;
    private static TestPki pki;
    private static final char[] PASS = "correct horse battery staple".toCharArray();

    @BeforeAll
    static void pki() {
        pki = TestPki.create(dir, "creds");
    }

    private static PrivateKey loadedKey(ClientIdentity id) {
        X509KeyManager km = keyManager(id);
        return km.getPrivateKey(alias(km));
    }

    private static X509KeyManager keyManager(ClientIdentity id) {
        return (X509KeyManager) new ClientKeys(new PemFiles()).keyManagers(id).getKeyManagers()[0];
    }

    /** The private number of an EC or RSA key, whatever the encoding it came in. */
    private static java.math.BigInteger secret(PrivateKey k) {
        if (k instanceof java.security.interfaces.ECPrivateKey ec) return ec.getS();
        return ((java.security.interfaces.RSAPrivateKey) k).getPrivateExponent();
    }

    /** The one alias the key manager offers a TLS client, whatever its key type. */
    private static String alias(X509KeyManager km) {
        for (String type : new String[]{"EC", "RSA"}) {
            String[] aliases = km.getClientAliases(type, null);
            if (aliases != null && aliases.length > 0) return aliases[0];
        }
        throw new AssertionError("the key manager offers no client key");
    }

    private static ClientIdentity pem(Path cert, Path key, char[] pass) {
        return new ClientIdentity.Pem(cert, key, pass == null ? Optional.empty() : Optional.of(Passphrase.of(pass)));
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void everyPemKeyFormatLoadsAndMatchesItsCertificate(KeyType type) {
        var c = pki.client("dev-" + type, type);
        for (ClientIdentity id : new ClientIdentity[]{
                pem(c.certificate(), c.key(), null),                              // PKCS#8
                pem(c.certificate(), c.traditionalKey(), null),                   // PKCS#1 / SEC1
                pem(c.certificate(), c.encryptedKey(PASS), PASS),                 // encrypted PKCS#8 (PBES2)
                pem(c.certificate(), c.legacyEncryptedKey(PASS), PASS)}) {        // Proc-Type: 4,ENCRYPTED
            X509KeyManager km = keyManager(id);
            assertThat(secret(km.getPrivateKey(alias(km)))).as(id.toString()).isEqualTo(secret(c.privateKey()));
            assertThat(km.getCertificateChain(alias(km))[0]).isEqualTo(c.cert());
        }
    }

    @Test
    void pkcs12WithItsPassphrase() {
        var c = pki.client("p12-device", KeyType.EC_P256);
        Path p12 = c.pkcs12(PASS);
        var id = ClientIdentity.of(p12, null, Optional.of(Passphrase.of(PASS)));
        assertThat(id).isInstanceOf(ClientIdentity.Pkcs12.class);
        X509KeyManager km = keyManager(id);
        assertThat(km.getCertificateChain(alias(km))).hasSize(2);
        assertThatThrownBy(() -> new ClientKeys(new PemFiles()).keyManagers(
                new ClientIdentity.Pkcs12(p12, Optional.of(Passphrase.of("nope".toCharArray())))))
                .isInstanceOf(TlsSetupException.class).hasMessage("Cannot open the PKCS#12 file " + p12 + ": wrong passphrase");
    }

    @Test
    void wrongOrMissingPassphraseIsSaidInWords() {
        var c = pki.client("locked", KeyType.EC_P256);
        Path enc = c.encryptedKey(PASS);
        assertThatThrownBy(() -> loadedKey(pem(c.certificate(), enc, "wrong".toCharArray())))
                .isInstanceOf(TlsSetupException.class).hasMessage("Cannot decrypt the key file " + enc + ": wrong passphrase");
        assertThatThrownBy(() -> loadedKey(pem(c.certificate(), enc, null)))
                .isInstanceOf(TlsSetupException.class)
                .hasMessage("The key file " + enc + " is encrypted: give its passphrase (--key-passphrase-file FILE)");
        Path legacy = c.legacyEncryptedKey(PASS);
        assertThatThrownBy(() -> loadedKey(pem(c.certificate(), legacy, "wrong".toCharArray())))
                .hasMessageContaining("wrong passphrase");
    }

    @Test
    void keyOfAnotherCertificateIsRefused() {
        var a = pki.client("alice", KeyType.EC_P256);
        var b = pki.client("bob", KeyType.EC_P256);
        var rsa = pki.client("carol", KeyType.RSA_2048);
        assertThatThrownBy(() -> loadedKey(pem(a.certificate(), b.key(), null)))
                .isInstanceOf(TlsSetupException.class)
                .hasMessage("The key " + b.key() + " does not match the certificate " + a.certificate()
                        + ": they are not one key pair");
        assertThatThrownBy(() -> loadedKey(pem(a.certificate(), rsa.key(), null)))
                .hasMessageContaining("does not match").hasMessageContaining("RSA key, EC certificate");
    }

    @Test
    void missingUnreadableAndWrongFilesAreNamed() throws Exception {
        var c = pki.client("files", KeyType.EC_P256);
        Path missing = dir.resolve("nope.pem");
        assertThatThrownBy(() -> MqttTlsConfigs.create(TlsSettings.pinnedCa(missing)))
                .isInstanceOf(TlsSetupException.class).hasMessage("The CA file " + missing + " does not exist");
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "hello, not a certificate\n");
        assertThatThrownBy(() -> MqttTlsConfigs.create(TlsSettings.pinnedCa(garbage)))
                .hasMessageStartingWith("The CA file " + garbage + " holds no certificate");
        assertThatThrownBy(() -> MqttTlsConfigs.create(TlsSettings.pinnedCa(dir)))
                .hasMessage("The CA file " + dir + " is a folder, not a file");
        // the key where the certificate belongs and the other way round
        assertThatThrownBy(() -> loadedKey(pem(c.key(), c.key(), null)))
                .hasMessageStartingWith("The certificate file " + c.key() + " holds no certificate");
        assertThatThrownBy(() -> loadedKey(pem(c.certificate(), c.certificate(), null)))
                .hasMessageStartingWith("The key file " + c.certificate() + " holds no private key");
        if (!"root".equals(System.getProperty("user.name"))) {
            Path locked = Files.copy(c.key(), dir.resolve("locked.key"));
            Files.setPosixFilePermissions(locked, java.util.Set.of());
            assertThatThrownBy(() -> loadedKey(pem(c.certificate(), locked, null)))
                    .hasMessage("Cannot read the key file " + locked + ": permission denied");
        }
    }

    @Test
    void certificateAndKeyInOneFile() throws Exception {
        var c = pki.client("combined", KeyType.RSA_2048);
        Path both = dir.resolve("combined-both.pem");
        Files.writeString(both, Files.readString(c.certificate()) + Files.readString(c.traditionalKey()));
        var id = ClientIdentity.of(both, null, Optional.empty());
        assertThat(id).isEqualTo(new ClientIdentity.Pem(both, both, Optional.empty()));
        assertThat(secret(loadedKey(id))).isEqualTo(secret(c.privateKey()));
    }

    @Test
    void keysMadeByOpensslLoad() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
        var c = pki.client("openssl-made", KeyType.EC_P256);
        Path passFile = Files.writeString(dir.resolve("pass.txt"), "s3cret phrase\n");
        Path out = dir.resolve("openssl-enc.key");
        Process p = new ProcessBuilder("openssl", "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-v2prf", "hmacWithSHA256",
                "-in", c.key().toString(), "-out", out.toString(), "-passout", "file:" + passFile)
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        assertThat(Files.readString(out)).contains("BEGIN ENCRYPTED PRIVATE KEY");
        var id = new ClientIdentity.Pem(c.certificate(), out, Optional.of(Passphrase.readFrom(passFile)));
        assertThat(secret(loadedKey(id))).isEqualTo(secret(c.privateKey()));
        // and OpenSSL's traditional SEC1 form ("EC PRIVATE KEY")
        Path sec1 = dir.resolve("openssl-sec1.key");
        Process q = new ProcessBuilder("openssl", "pkey", "-in", c.key().toString(), "-traditional", "-out", sec1.toString())
                .redirectErrorStream(true).start();
        assertThat(q.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(sec1)).contains("BEGIN EC PRIVATE KEY");
        assertThat(secret(loadedKey(new ClientIdentity.Pem(c.certificate(), sec1, Optional.empty()))))
                .isEqualTo(secret(c.privateKey()));
    }

    @Test
    void passphraseFilesAndSecrecy() throws Exception {
        Path f = Files.writeString(dir.resolve("pp.txt"), "first line\r\nsecond\n");
        assertThat(Passphrase.readFrom(f).chars()).isEqualTo("first line".toCharArray());
        Path empty = Files.writeString(dir.resolve("empty.txt"), "\n");
        assertThatThrownBy(() -> Passphrase.readFrom(empty)).isInstanceOf(TlsSetupException.class)
                .hasMessageContaining("is empty");
        assertThatThrownBy(() -> Passphrase.readFrom(dir.resolve("absent.txt")))
                .hasMessage("The key passphrase file " + dir.resolve("absent.txt") + " does not exist");
        var settings = TlsSettings.systemTrust().withIdentity(f, f, Optional.of(Passphrase.readFrom(f)));
        assertThat(settings.toString()).doesNotContain("first line").contains("(passphrase hidden)");
    }

    @Test
    void settingsRefuseNothingToTrustAndOldTlsVersions() {
        assertThatThrownBy(() -> TlsSettings.systemTrust().withSystemStore(false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs something to trust");
        assertThatThrownBy(() -> TlsSettings.systemTrust().withProtocols(java.util.List.of("TLSv1.1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TLSv1.1");
        assertThat(TlsSettings.systemTrust().verifyHostname()).as("name check on by default").isTrue();
        assertThat(TlsSettings.pinnedCa(pki.caPem()).trustDescription()).isEqualTo("the CA file " + pki.caPem());
        assertThat(TlsSettings.pinnedCa(pki.caPem()).withSystemStore(true).trustDescription())
                .isEqualTo("the CA file " + pki.caPem() + " and the system's trusted CAs");
    }

    @Test
    void systemStoreIsNotEmpty() throws Exception {
        assertThat(TrustAnchors.systemCertificates()).hasSizeGreaterThan(10);
    }
}
