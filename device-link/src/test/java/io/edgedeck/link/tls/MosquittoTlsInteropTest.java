package io.edgedeck.link.tls;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.edgedeck.db.LocalStore;
import io.edgedeck.db.Metric;
import io.edgedeck.link.codec.TopicMapping;
import io.edgedeck.link.mqtt.BrokerSettings;
import io.edgedeck.link.mqtt.IngestPipeline;
import io.edgedeck.link.mqtt.LinkException;
import io.edgedeck.link.mqtt.LinkState;
import io.edgedeck.link.mqtt.MqttVersion;
import io.edgedeck.link.sim.FleetSimulator;
import io.edgedeck.link.sim.SimulationConfig;
import io.edgedeck.link.tls.testing.Mosquitto;
import io.edgedeck.link.tls.testing.TestPki;
import io.edgedeck.link.tls.testing.TestPki.KeyType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Interop with Debian's Mosquitto over TLS (skipped where it is not installed): a test CA made here, a broker that
 * requires client certificates, and each way a handshake goes wrong with the sentence EdgeDeck shows for it.
 */
class MosquittoTlsInteropTest {
    @TempDir
    static Path dir;
    private static TestPki pki;
    private static TestPki.Credential server;
    private static TestPki.Credential operator;
    private static final List<AutoCloseable> brokers = new ArrayList<>();
    private static Mosquitto mtls;

    @BeforeAll
    static void pki() {
        assumeTrue(Mosquitto.find().isPresent(), Mosquitto.MISSING);
        pki = TestPki.create(dir, "fleet");
        server = pki.server("broker", "localhost", "127.0.0.1");
        operator = pki.client("edgedeck-operator", KeyType.EC_P256);
        mtls = started(Mosquitto.Listener.mutualTls(pki.caPem(), server.certificate(), server.key()));
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable b : brokers) b.close();
    }

    private static Mosquitto started(Mosquitto.Listener listener) {
        Mosquitto m = Mosquitto.start(dir.resolve("mosquitto"), listener);
        brokers.add(m);
        return m;
    }

    private static BrokerSettings settings(String host, int port, String clientId, TlsSettings tls) {
        return BrokerSettings.of(URI.create("ssl://" + host + ":" + port), clientId).withCleanStart(true).withTls(tls);
    }

    private static TlsSettings operatorTls() {
        return TlsSettings.pinnedCa(pki.caPem()).withIdentity(operator.certificate(), operator.key(), Optional.empty());
    }

    private static String failure(BrokerSettings settings, Path store) {
        try (LocalStore s = LocalStore.open(store);
             IngestPipeline p = new IngestPipeline(settings, TopicMapping.defaults(), s.writer())) {
            p.start(Duration.ofSeconds(5));
            throw new AssertionError("connected although it should not have");
        } catch (LinkException e) {
            return e.getMessage();
        }
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void mutualTlsIngestCommitsReadingsToH2(MqttVersion version) throws Exception {
        var device = pki.client("plug-" + version, KeyType.RSA_2048);
        try (LocalStore store = LocalStore.open(dir.resolve("mtls-" + version));
             IngestPipeline p = new IngestPipeline(settings("localhost", mtls.port(), "collector-" + version, operatorTls())
                     .withVersion(version), TopicMapping.defaults(), store.writer())) {
            p.start(Duration.ofSeconds(5));
            assertThat(p.stats().state()).isEqualTo(LinkState.CONNECTED);
            var devTls = TlsSettings.pinnedCa(pki.caPem()).withIdentity(device.certificate(), device.key(), Optional.empty());
            var pub = MqttClient.builder().useMqttVersion5().identifier("plug-" + version).serverHost("127.0.0.1")
                    .serverPort(mtls.port()).sslConfig(MqttTlsConfigs.create(devTls)).buildBlocking();
            pub.connect();
            for (int i = 0; i < 20; i++) {
                pub.publishWith().topic("smartplug/tls-plug/telemetry").qos(MqttQos.AT_LEAST_ONCE)
                        .payload(("{\"ts\":" + (1_732_550_400 + i) + ",\"voltage\":230.1,\"current\":0.5,\"power\":"
                                + (100 + i) + ",\"relay_state\":\"on\"}").getBytes(StandardCharsets.UTF_8)).send();
            }
            pub.disconnect();
            await("the 20th reading committed", () -> store.readings().latest("tls-plug", Metric.POWER)
                    .filter(r -> r.values().get(Metric.POWER) == 119.0).isPresent());
            assertThat(store.readings().raw("tls-plug", java.time.Instant.EPOCH, java.time.Instant.now())).hasSize(20);
            assertThat(store.quarantine().count()).isZero();
        }
    }

    @Test
    void simulatedFleetPublishesOverMutualTls() throws Exception {
        var fleetCert = pki.client("sim-fleet", KeyType.EC_P256);
        char[] pass = "fleet passphrase".toCharArray();
        var fleetTls = TlsSettings.pinnedCa(pki.caPem()).withIdentity(fleetCert.certificate(),
                fleetCert.encryptedKey(pass), Optional.of(Passphrase.of(pass)));
        try (LocalStore store = LocalStore.open(dir.resolve("sim"));
             IngestPipeline p = new IngestPipeline(settings("127.0.0.1", mtls.port(), "collector-sim", operatorTls()),
                     TopicMapping.defaults(), store.writer())) {
            p.start(Duration.ofSeconds(5));
            try (FleetSimulator sim = new FleetSimulator(settings("localhost", mtls.port(), "sim", fleetTls),
                    new SimulationConfig(3, 1, 5.0, 7), new FleetSimulator.Timing(Duration.ofSeconds(1), 2, Duration.ZERO,
                    Duration.ofSeconds(1), Duration.ofSeconds(1)), ZoneOffset.UTC)) {
                sim.start();
                await("every simulated device stored", () -> sim.deviceIds().stream()
                        .allMatch(id -> store.readings().latest(id, id.contains("plug") ? Metric.POWER : Metric.TEMPERATURE).isPresent()));
            }
        }
    }

    @Test
    void perDeviceAclFromTheCertificateIdentity(@TempDir Path tmp) throws Exception {
        // use_identity_as_username: the certificate's CN is the user; each device may publish only under its own id
        Mosquitto m = started(Mosquitto.Listener.mutualTls(pki.caPem(), server.certificate(), server.key())
                .withIdentityAsUsername(true));
        var plugA = pki.client("plug-a", KeyType.EC_P256);
        try (LocalStore store = LocalStore.open(tmp.resolve("acl"));
             IngestPipeline p = new IngestPipeline(settings("localhost", m.port(), "collector-acl", operatorTls()),
                     TopicMapping.defaults(), store.writer())) {
            p.start(Duration.ofSeconds(5));
            var tls = TlsSettings.pinnedCa(pki.caPem()).withIdentity(plugA.certificate(), plugA.key(), Optional.empty());
            var pub = MqttClient.builder().useMqttVersion5().identifier("plug-a").serverHost("localhost")
                    .serverPort(m.port()).sslConfig(MqttTlsConfigs.create(tls)).buildBlocking();
            pub.connect();
            String payload = "{\"ts\":1732550400,\"voltage\":230,\"current\":0.1,\"power\":23,\"relay_state\":\"on\"}";
            pub.publishWith().topic("smartplug/plug-a/telemetry").qos(MqttQos.AT_LEAST_ONCE)
                    .payload(payload.getBytes(StandardCharsets.UTF_8)).send();
            assertThatThrownBy(() -> pub.publishWith().topic("smartplug/plug-b/telemetry").qos(MqttQos.AT_LEAST_ONCE)
                    .payload(payload.getBytes(StandardCharsets.UTF_8)).send())   // not its own branch
                    .isInstanceOfSatisfying(Mqtt5PubAckException.class, e -> assertThat(e.getMqttMessage().getReasonCode())
                            .isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED));
            try {
                pub.disconnect();
            } catch (RuntimeException closedByTheBroker) {
                // Mosquitto may close the connection after the refused publish
            }
            await("plug-a stored", () -> store.readings().latest("plug-a", Metric.POWER).isPresent());
            Thread.sleep(300);
            assertThat(store.readings().latest("plug-b", Metric.POWER)).as("published outside its ACL").isEmpty();
        }
    }

    @Test
    void unknownCaIsNotTrusted(@TempDir Path tmp) {
        TestPki other = TestPki.create(tmp, "other");
        var tls = TlsSettings.pinnedCa(other.caPem()).withIdentity(operator.certificate(), operator.key(), Optional.empty());
        String msg = failure(settings("localhost", mtls.port(), "c-unknown-ca", tls), tmp.resolve("db"));
        assertThat(msg).contains("localhost:" + mtls.port()).contains("is not trusted")
                .contains("issued by CN=fleet Test CA").contains("the CA file " + other.caPem());
    }

    @Test
    void systemStoreDoesNotTrustAPrivateCa(@TempDir Path tmp) {
        var tls = TlsSettings.systemTrust().withIdentity(operator.certificate(), operator.key(), Optional.empty());
        String msg = failure(settings("localhost", mtls.port(), "c-system", tls), tmp.resolve("db"));
        assertThat(msg).contains("is not trusted").contains("the system's trusted CAs").contains("--ca FILE");
    }

    @Test
    void wrongHostNameIsANameMismatchNamingBoth(@TempDir Path tmp) {
        var wrong = pki.server("wrong-name", "broker.example.com");
        Mosquitto m = started(Mosquitto.Listener.mutualTls(pki.caPem(), wrong.certificate(), wrong.key()));
        String msg = failure(settings("localhost", m.port(), "c-wrong-name", operatorTls()), tmp.resolve("db"));
        assertThat(msg).contains("not valid for 'localhost'").contains("DNS:broker.example.com");
        String byIp = failure(settings("127.0.0.1", m.port(), "c-wrong-ip", operatorTls()), tmp.resolve("db2"));
        assertThat(byIp).contains("not valid for '127.0.0.1'").contains("DNS:broker.example.com");
    }

    @Test
    void hostnameCheckCanBeTurnedOffDeliberately(@TempDir Path tmp) throws Exception {
        var wrong = pki.server("wrong-name-2", "broker.example.com");
        Mosquitto m = started(Mosquitto.Listener.mutualTls(pki.caPem(), wrong.certificate(), wrong.key()));
        try (LocalStore s = LocalStore.open(tmp.resolve("db"));
             IngestPipeline p = new IngestPipeline(settings("localhost", m.port(), "c-insecure",
                     operatorTls().withHostnameVerification(false)), TopicMapping.defaults(), s.writer())) {
            p.start(Duration.ofSeconds(5));
            assertThat(p.stats().state()).isEqualTo(LinkState.CONNECTED);
        }
        // still not trusting an unknown CA without the name check
        TestPki other = TestPki.create(tmp, "other2");
        var untrusted = TlsSettings.pinnedCa(other.caPem()).withHostnameVerification(false)
                .withIdentity(operator.certificate(), operator.key(), Optional.empty());
        assertThat(failure(settings("localhost", m.port(), "c-insecure-2", untrusted), tmp.resolve("db2")))
                .contains("is not trusted");
    }

    @Test
    void missingClientCertificateIsRefusedByTheBroker(@TempDir Path tmp) {
        String msg = failure(settings("localhost", mtls.port(), "c-no-cert", TlsSettings.pinnedCa(pki.caPem())), tmp.resolve("db"));
        assertThat(msg).contains("requires a client certificate").contains("--cert FILE --key FILE");
    }

    @Test
    void clientCertificateFromAnotherCaIsRefusedByTheBroker(@TempDir Path tmp) {
        TestPki other = TestPki.create(tmp, "rogue");
        var rogue = other.client("rogue-operator", KeyType.EC_P256);
        var tls = TlsSettings.pinnedCa(pki.caPem()).withIdentity(rogue.certificate(), rogue.key(), Optional.empty());
        String msg = failure(settings("localhost", mtls.port(), "c-rogue", tls), tmp.resolve("db"));
        assertThat(msg).contains("refused EdgeDeck's client certificate");
    }

    @Test
    void expiredServerCertificateSaysExpired(@TempDir Path tmp) {
        var expired = pki.expiredServer("expired", "localhost", "127.0.0.1");
        Mosquitto m = started(Mosquitto.Listener.mutualTls(pki.caPem(), expired.certificate(), expired.key()));
        String msg = failure(settings("localhost", m.port(), "c-expired", operatorTls()), tmp.resolve("db"));
        assertThat(msg).contains("The TLS handshake with the MQTT broker at localhost:" + m.port() + " failed")
                .contains("the broker's certificate CN=localhost").contains("expired on ");
        var future = pki.notYetValidServer("future", "localhost", "127.0.0.1");
        Mosquitto f = started(Mosquitto.Listener.mutualTls(pki.caPem(), future.certificate(), future.key()));
        assertThat(failure(settings("localhost", f.port(), "c-future", operatorTls()), tmp.resolve("db2")))
                .contains("is not valid before ").contains("clock");
    }

    @Test
    void tlsVersionTheBrokerDoesNotSpeak(@TempDir Path tmp) {
        // Mosquitto's tls_version is a minimum: a TLS 1.3-only broker, a client limited to TLS 1.2
        Mosquitto m = started(Mosquitto.Listener.mutualTls(pki.caPem(), server.certificate(), server.key())
                .withTlsVersion("tlsv1.3"));
        String msg = failure(settings("localhost", m.port(), "c-v12", operatorTls().withProtocols(List.of("TLSv1.2"))),
                tmp.resolve("db"));
        assertThat(msg).contains("no TLS version in common: EdgeDeck offers TLS 1.2");
    }

    @Test
    void plainMqttClientOnTheTlsPortGetsNoSession(@TempDir Path tmp) {
        // the other way round: tcp:// against a TLS port must not hang forever
        try (LocalStore s = LocalStore.open(tmp.resolve("db"));
             IngestPipeline p = new IngestPipeline(BrokerSettings.of(URI.create("tcp://127.0.0.1:" + mtls.port()), "c-plain"),
                     TopicMapping.defaults(), s.writer())) {
            assertThatThrownBy(() -> p.start(Duration.ofSeconds(2))).isInstanceOf(LinkException.class)
                    .hasMessageContaining("127.0.0.1:" + mtls.port()).hasMessageContaining("ssl://");
        }
    }

    private static void await(String what, BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(20);
        }
    }
}
