package io.edgedeck.app.cli;

import io.edgedeck.app.cli.CliRun.Run;
import io.edgedeck.db.LocalStore;
import io.edgedeck.db.Metric;
import io.edgedeck.link.broker.EmbeddedBroker;
import io.edgedeck.link.tls.TlsSettings;
import io.edgedeck.link.tls.testing.TestPki;
import io.edgedeck.link.tls.testing.TestPki.KeyType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** collect and simulate over mutual TLS against the embedded HiveMQ with a TLS listener; TLS mistakes and their exit codes. */
class TlsCliTest {
    @TempDir
    static Path pkiDir;
    private static TestPki pki;
    private static EmbeddedBroker broker;
    private static TestPki.Credential operator;
    private static TestPki.Credential fleet;
    private static Path passFile;
    private static Path encryptedKey;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        pki = TestPki.create(pkiDir, "cli");
        char[] storePass = "store".toCharArray();
        var server = pki.server("broker", "localhost", "127.0.0.1");
        broker = EmbeddedBroker.startTls(0, new EmbeddedBroker.TlsListener(server.pkcs12(storePass), storePass,
                Optional.of(pki.trustStore(storePass)), storePass, true, TlsSettings.SUPPORTED_PROTOCOLS));
        operator = pki.client("operator", KeyType.EC_P256);
        fleet = pki.client("fleet", KeyType.RSA_2048);
        passFile = Files.writeString(pkiDir.resolve("passphrase.txt"), "open sesame\n");
        encryptedKey = operator.encryptedKey("open sesame".toCharArray());
    }

    @AfterAll
    static void stop() {
        if (broker != null) broker.close();
    }


    private Run run(String... args) {
        return CliRun.run(CliRun.under(dir), args);
    }

    private String url() {
        return "ssl://localhost:" + broker.port();
    }

    @Test
    void collectAndSimulateOverMutualTls() throws Exception {
        Path db = dir.resolve("fleet");
        CompletableFuture<Run> collect = CompletableFuture.supplyAsync(() -> run("collect", "--broker", url(),
                "--ca", pki.caPem().toString(), "--cert", operator.certificate().toString(),
                "--key", encryptedKey.toString(), "--key-passphrase-file", passFile.toString(),
                "--db", db.toString(), "--duration", "8", "--progress-interval", "1", "--client-id", "tls-cli"));
        Thread.sleep(2_500);
        Run sim = run("simulate", "--broker", "mqtts://127.0.0.1:" + broker.port(), "--ca", pki.caPem().toString(),
                "--cert", fleet.certificate().toString(), "--key", fleet.traditionalKey().toString(),
                "--plugs", "2", "--sensors", "1", "--duration", "3", "--progress-interval", "1");
        assertThat(sim.exitCode()).as(sim.err()).isZero();
        assertThat(sim.out()).contains("against ssl://127.0.0.1:" + broker.port());
        Run collected = collect.get();
        assertThat(collected.exitCode()).as(collected.err()).isZero();
        assertThat(collected.out()).contains("Collecting from ssl://localhost:" + broker.port());
        try (LocalStore store = LocalStore.open(db)) {
            assertThat(store.readings().latest("sim-plug-01", Metric.POWER)).isPresent();
        }
    }

    @Test
    void missingFilesAndPlainAddressesAreUsageErrors() {
        Run noCa = run("collect", "--broker", url(), "--ca", dir.resolve("absent.pem").toString(), "--db", dir.resolve("d").toString());
        assertThat(noCa.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noCa.err()).contains("--ca " + dir.resolve("absent.pem") + ": no such file").doesNotContain("\tat ");

        Run plain = run("simulate", "--broker", "tcp://localhost:1883", "--ca", pki.caPem().toString());
        assertThat(plain.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(plain.err()).contains("need a TLS broker address: ssl://localhost:8883");

        Run keyOnly = run("simulate", "--broker", url(), "--key", operator.key().toString());
        assertThat(keyOnly.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(keyOnly.err()).contains("--key/--tls-key needs --cert");
    }

    @Test
    void wrongPassphraseAndMismatchedKeyAreUsageErrors() throws Exception {
        Path wrong = Files.writeString(dir.resolve("wrong.txt"), "not it\n");
        Run r = run("collect", "--broker", url(), "--ca", pki.caPem().toString(), "--cert", operator.certificate().toString(),
                "--key", encryptedKey.toString(), "--key-passphrase-file", wrong.toString(), "--db", dir.resolve("d").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("Cannot decrypt the key file " + encryptedKey + ": wrong passphrase");

        Run m = run("simulate", "--broker", url(), "--ca", pki.caPem().toString(), "--cert", operator.certificate().toString(),
                "--key", fleet.key().toString(), "--duration", "1");
        assertThat(m.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(m.err()).contains("does not match the certificate");
    }

    @Test
    void untrustedBrokerIsABrokerErrorSaidInWords(@TempDir Path other) {
        TestPki stranger = TestPki.create(other, "stranger");
        Run r = run("collect", "--broker", url(), "--ca", stranger.caPem().toString(), "--cert", operator.certificate().toString(),
                "--key", operator.key().toString(), "--db", dir.resolve("d").toString(), "--connect-timeout", "5");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BROKER);
        assertThat(r.err()).contains("The TLS handshake with the MQTT broker at localhost:" + broker.port() + " failed")
                .contains("is not trusted");
    }

    @Test
    void noHostnameCheckWarns() {
        Run r = run("simulate", "--broker", url(), "--ca", pki.caPem().toString(), "--cert", fleet.certificate().toString(),
                "--key", fleet.key().toString(), "--tls-insecure-no-hostname-check", "--plugs", "1", "--sensors", "0",
                "--duration", "1", "--progress-interval", "1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("WARNING").contains("not checked");
    }

    @Test
    void helpNamesTheTlsOptions() {
        Run r = run("collect", "--help");
        assertThat(r.out()).contains("--ca=FILE", "--cert=FILE", "--key=FILE", "--key-passphrase-file=FILE",
                "--tls-insecure-no-hostname-check", "ssl://");
    }
}
