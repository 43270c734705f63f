package io.edgedeck.link.command;

import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyFilesTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] PASS = "correct horse battery".toCharArray();

    @TempDir
    Path dir;

    private final KeyFiles files = new KeyFiles(RANDOM);
    private final OperatorKey key = OperatorKeys.generate(RANDOM);

    @Test
    void encryptedKeyFileRoundTripsWithOperatorLineAndOwnerOnlyPermissions() throws Exception {
        Path f = dir.resolve("alice.key");
        files.writeEncrypted(f, key, "alice", PASS);

        String text = Files.readString(f);
        assertThat(text).startsWith("Operator: alice\n-----BEGIN ENCRYPTED PRIVATE KEY-----\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
        assertThat(KeyFiles.isEncrypted(f)).isTrue();
        assertThat(KeyFiles.operatorName(f)).contains("alice");

        LoadedKey back = files.read(f, PASS.clone());
        assertThat(back.key().keyId()).isEqualTo(key.keyId());
        assertThat(back.key().privateKey().getS()).isEqualTo(key.privateKey().getS());
        assertThat(back.operator()).contains("alice");
        assertThat(back.warnings()).isEmpty();
    }

    @Test
    void openSslReadsTheKeyFileAsPbes2WithHmacSha256AndAes256() throws Exception {
        Path f = dir.resolve("k.pem");
        files.writeEncrypted(f, key, null, PASS);
        Process p = new ProcessBuilder("openssl", "asn1parse", "-in", f.toString()).redirectErrorStream(true).start();
        String asn1 = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(asn1).contains("PBES2", "PBKDF2", "hmacWithSHA256", "aes-256-cbc");
        assertThat(asn1).contains(":0186A0"); // 100,000 iterations
        Process pub = new ProcessBuilder("openssl", "pkey", "-in", f.toString(), "-passin", "pass:" + new String(PASS),
                "-pubout").redirectErrorStream(true).start();
        String out = new String(pub.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(pub.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(out).isEqualTo(KeyFiles.publicPem(key.publicKey()));
    }

    @Test
    void wrongPassphraseSaysSo() {
        Path f = dir.resolve("alice.key");
        files.writeEncrypted(f, key, "alice", PASS);
        assertThatThrownBy(() -> files.read(f, "not the passphrase".toCharArray()))
                .isInstanceOf(KeyFileException.class).hasMessage("wrong passphrase for key file " + f);
        assertThatThrownBy(() -> files.read(f, null)).hasMessage(f + " is encrypted: a passphrase is needed");
    }

    @Test
    void neverOverwritesAndWarnsAboutLooseFilePermissions() throws Exception {
        Path f = dir.resolve("alice.key");
        files.writeEncrypted(f, key, "alice", PASS);
        assertThatThrownBy(() -> files.writeEncrypted(f, key, "alice", PASS))
                .hasMessage(f + " exists already; choose another file or remove it first");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(files.read(f, PASS).warnings()).containsExactly(f + " is readable by other users; run: chmod 600 " + f);
    }

    @Test
    void importsPkcs8AndSec1KeysPlainOrEncrypted() throws Exception {
        KeyPair pair = new KeyPair(key.publicKey(), key.privateKey());
        Path pkcs8 = write("plain-pkcs8.pem", new JcaPKCS8Generator(key.privateKey(), null));
        Path sec1 = write("sec1.pem", pair);
        Path sec1Enc = write("sec1-enc.pem", new JcaMiscPEMGenerator(pair,
                new JcePEMEncryptorBuilder("AES-256-CBC").setProvider(BouncyCastle.PROVIDER).setSecureRandom(RANDOM).build(PASS)));
        assertThat(Files.readString(sec1)).contains("BEGIN EC PRIVATE KEY");
        assertThat(Files.readString(sec1Enc)).contains("Proc-Type: 4,ENCRYPTED");

        for (Path p : new Path[]{pkcs8, sec1}) {
            assertThat(KeyFiles.isEncrypted(p)).isFalse();
            assertThat(files.importKey(p, null).key().keyId()).as(p.toString()).isEqualTo(key.keyId());
        }
        assertThat(files.importKey(sec1Enc, PASS).key().keyId()).isEqualTo(key.keyId());
        assertThatThrownBy(() -> files.importKey(sec1Enc, "nope".toCharArray())).hasMessage("wrong passphrase for key file " + sec1Enc);

        // and then into an EdgeDeck key file
        Path out = dir.resolve("imported.key");
        files.writeEncrypted(out, files.importKey(sec1, null).key(), "bob", PASS);
        assertThat(files.read(out, PASS).key().keyId()).isEqualTo(key.keyId());
    }

    @Test
    void refusesKeysThatAreNotP256() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp384r1"));
        Path p384 = write("p384.pem", new JcaPKCS8Generator(ec.generateKeyPair().getPrivate(), null));
        assertThatThrownBy(() -> files.importKey(p384, null)).isInstanceOf(KeyFileException.class)
                .hasMessage(p384 + " is not a P-256 key");
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        Path r = write("rsa.pem", new JcaPKCS8Generator(rsa.generateKeyPair().getPrivate(), null));
        assertThatThrownBy(() -> files.importKey(r, null)).hasMessage(r + " is not a P-256 key (it is RSA)");
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "hello");
        assertThatThrownBy(() -> files.importKey(text, null)).hasMessageContaining("is not a PEM key file");
        assertThatThrownBy(() -> files.importKey(dir.resolve("missing.pem"), null)).hasMessageContaining("does not exist");
    }

    @Test
    void publicKeyPemRoundTripsAndIsNoPrivateKey() throws Exception {
        Path f = dir.resolve("alice.pub.pem");
        KeyFiles.writePublic(f, key.publicKey());
        assertThat(Files.readString(f)).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(KeyFiles.readPublic(f)).isEqualTo(key.publicKey());
        Path priv = dir.resolve("alice.key");
        files.writeEncrypted(priv, key, null, PASS);
        assertThatThrownBy(() -> KeyFiles.readPublic(priv)).hasMessageContaining("holds a private key: give the public key instead");
        assertThat(OperatorKeys.publicJwk(key.publicKey())).contains("\"kid\":\"" + key.keyId() + "\"", "\"crv\":\"P-256\"")
                .doesNotContain("\"d\"");
    }

    @Test
    void messagesAndDescriptionsNeverCarryPrivateMaterialOrThePassphrase() {
        Path f = dir.resolve("alice.key");
        files.writeEncrypted(f, key, "alice", PASS);
        String d = key.privateKey().getS().toString(16);
        String der = Base64.getEncoder().encodeToString(key.privateKey().getEncoded());
        Throwable wrong = org.assertj.core.api.Assertions.catchThrowable(() -> files.read(f, "guess".toCharArray()));
        for (Throwable t = wrong; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(d).doesNotContain(der).doesNotContain(new String(PASS));
        }
        LoadedKey loaded = files.read(f, PASS);
        assertThat(loaded.toString()).doesNotContain(d).doesNotContain(der).contains(key.keyId());
    }

    private Path write(String name, Object pemObject) throws Exception {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
            pw.writeObject(pemObject);
        }
        Path p = dir.resolve(name);
        Files.writeString(p, w.toString());
        return p;
    }
}
