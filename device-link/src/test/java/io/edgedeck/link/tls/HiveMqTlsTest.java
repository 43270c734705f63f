package io.edgedeck.link.tls;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import io.edgedeck.db.LocalStore;
import io.edgedeck.db.Metric;
import io.edgedeck.link.broker.EmbeddedBroker;
import io.edgedeck.link.codec.TopicMapping;
import io.edgedeck.link.mqtt.BrokerSettings;
import io.edgedeck.link.mqtt.IngestPipeline;
import io.edgedeck.link.mqtt.LinkException;
import io.edgedeck.link.mqtt.MqttVersion;
import io.edgedeck.link.tls.testing.TestPki;
import io.edgedeck.link.tls.testing.TestPki.KeyType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** EdgeDeck's TLS link against the embedded HiveMQ CE with a TLS listener that requires client certificates. */
class HiveMqTlsTest {
    @TempDir
    static Path dir;
    private static TestPki pki;
    private static EmbeddedBroker broker;
    private static TestPki.Credential operator;

    @BeforeAll
    static void start() {
        pki = TestPki.create(dir, "hivemq");
        char[] pass = "store-pass".toCharArray();
        var server = pki.server("broker", "localhost", "127.0.0.1");
        operator = pki.client("operator", KeyType.RSA_2048);
        broker = EmbeddedBroker.startTls(0, new EmbeddedBroker.TlsListener(server.pkcs12(pass), pass,
                Optional.of(pki.trustStore(pass)), pass, true, TlsSettings.SUPPORTED_PROTOCOLS));
    }

    @AfterAll
    static void stop() {
        if (broker != null) broker.close();
    }

    @Test
    void brokerUriIsTls() {
        assertThat(broker.uri().toString()).startsWith("ssl://127.0.0.1:");
        assertThat(BrokerSettings.of(broker.uri(), "x").tls()).as("ssl:// means TLS").isPresent();
    }

    @Test
    void mutualTlsIngestWithPkcs12Identity() throws Exception {
        char[] p12pass = "p12".toCharArray();
        var tls = TlsSettings.pinnedCa(pki.caPem()).withIdentity(new ClientIdentity.Pkcs12(operator.pkcs12(p12pass),
                Optional.of(Passphrase.of(p12pass))));
        var settings = BrokerSettings.of(broker.uri(), "hive-collector").withCleanStart(true).withTls(tls)
                .withVersion(MqttVersion.V3_1_1);
        try (LocalStore store = LocalStore.open(dir.resolve("db"));
             IngestPipeline p = new IngestPipeline(settings, TopicMapping.defaults(), store.writer())) {
            p.start(Duration.ofSeconds(10));
            var device = pki.client("sensor-7", KeyType.EC_P256);
            var devTls = TlsSettings.pinnedCa(pki.caPem()).withIdentity(device.certificate(), device.key(), Optional.empty());
            var pub = MqttClient.builder().useMqttVersion5().identifier("sensor-7").serverHost("localhost")
                    .serverPort(broker.port()).sslConfig(MqttTlsConfigs.create(devTls)).buildBlocking();
            pub.connect();
            pub.publishWith().topic("sensors/sensor-7/telemetry").qos(MqttQos.AT_LEAST_ONCE)
                    .payload("{\"ts\":1732550400,\"temperature\":21.4,\"humidity\":48}".getBytes(StandardCharsets.UTF_8)).send();
            pub.disconnect();
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (store.readings().latest("sensor-7", Metric.TEMPERATURE).isEmpty() && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            assertThat(store.readings().latest("sensor-7", Metric.TEMPERATURE)).hasValueSatisfying(
                    r -> assertThat(r.values().get(Metric.TEMPERATURE)).isEqualTo(21.4));
        }
    }

    @Test
    void withoutClientCertificateHiveMqRefuses() {
        var settings = BrokerSettings.of(broker.uri(), "hive-anon").withTls(TlsSettings.pinnedCa(pki.caPem()));
        try (LocalStore store = LocalStore.open(dir.resolve("db-anon"));
             IngestPipeline p = new IngestPipeline(settings, TopicMapping.defaults(), store.writer())) {
            assertThatThrownBy(() -> p.start(Duration.ofSeconds(5))).isInstanceOf(LinkException.class)
                    .hasMessageContaining("The TLS handshake with the MQTT broker at 127.0.0.1:" + broker.port() + " failed")
                    .hasMessageContaining("client certificate");
        }
    }

    @Test
    void tls12Only() throws Exception {
        var tls = TlsSettings.pinnedCa(pki.caPem()).withIdentity(operator.certificate(), operator.traditionalKey(),
                Optional.empty()).withProtocols(List.of("TLSv1.2"));
        try (LocalStore store = LocalStore.open(dir.resolve("db12"));
             IngestPipeline p = new IngestPipeline(BrokerSettings.of(broker.uri(), "hive-12").withCleanStart(true).withTls(tls),
                     TopicMapping.defaults(), store.writer())) {
            p.start(Duration.ofSeconds(10));
            assertThat(p.stats().state()).isEqualTo(io.edgedeck.link.mqtt.LinkState.CONNECTED);
        }
    }
}
