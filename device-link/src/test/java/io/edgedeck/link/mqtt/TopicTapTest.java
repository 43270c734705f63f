package io.edgedeck.link.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.edgedeck.link.broker.EmbeddedBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The explorer's tap on the embedded broker: real messages, topics no mapping subscribes to, capped payloads. */
class TopicTapTest {
    private static EmbeddedBroker broker;
    private static Mqtt5AsyncClient publisher;
    private TopicTap tap;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.start(0);
        publisher = MqttClient.builder().useMqttVersion5().identifier("tap-publisher").serverHost("127.0.0.1")
                .serverPort(broker.port()).buildAsync();
        publisher.connect().join();
    }

    @AfterAll
    static void stopBroker() {
        if (publisher != null) publisher.disconnect().join();
        if (broker != null) broker.close();
    }

    @AfterEach
    void closeTap() {
        if (tap != null) tap.close();
    }

    private static BrokerSettings settings(MqttVersion v) {
        return BrokerSettings.of(URI.create("tcp://127.0.0.1:" + broker.port()), "console-under-test").withVersion(v);
    }

    private static void publish(String topic, byte[] payload, boolean retain, MqttQos qos) {
        publisher.publishWith().topic(topic).qos(qos).retain(retain).payload(payload).send().join();
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) throw new AssertionError("condition not met within 15 s");
            Thread.sleep(20);
        }
    }

    @Test
    void seesTopicsNoMappingKnowsRetainedOnesAndCapsLargePayloads() throws Exception {
        publish("explorer-test/retained/config", "{\"interval\": 5}".getBytes(StandardCharsets.UTF_8), true,
                MqttQos.AT_LEAST_ONCE);
        tap = new TopicTap(settings(MqttVersion.V5));
        List<TappedMessage> got = new CopyOnWriteArrayList<>();
        tap.addListener(got::add);
        tap.start(Duration.ofSeconds(10));
        assertThat(tap.clientId()).isEqualTo("console-under-test-explorer");

        publish("workshop/meter-7/data", "{\"watts\": 412.5}".getBytes(StandardCharsets.UTF_8), false, MqttQos.AT_LEAST_ONCE);
        byte[] big = new byte[200_000];
        Arrays.fill(big, (byte) 'x');
        publish("workshop/camera/snapshot", big, false, MqttQos.AT_MOST_ONCE);
        waitFor(() -> got.stream().anyMatch(m -> m.topic().equals("workshop/camera/snapshot")));

        TappedMessage retained = got.stream().filter(m -> m.topic().equals("explorer-test/retained/config")).findFirst().orElseThrow();
        assertThat(retained.retained()).isTrue();
        TappedMessage meter = got.stream().filter(m -> m.topic().equals("workshop/meter-7/data")).findFirst().orElseThrow();
        assertThat(new String(meter.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"watts\": 412.5}");
        assertThat(meter.retained()).isFalse();
        assertThat(meter.qos()).isZero(); // delivered at the tap's QoS 0
        TappedMessage snapshot = got.stream().filter(m -> m.topic().equals("workshop/camera/snapshot")).findFirst().orElseThrow();
        assertThat(snapshot.payload()).hasSize(TopicTap.MAX_PAYLOAD_BYTES);
        assertThat(snapshot.payloadSize()).isEqualTo(200_000);
        assertThat(snapshot.truncated()).isTrue();
        assertThat(tap.dropped()).isZero();
    }

    @Test
    void mqtt311SeesMessagesToo() throws Exception {
        tap = new TopicTap(settings(MqttVersion.V3_1_1), true);
        assertThat(tap.filters()).containsExactly("#", "$SYS/#");
        List<TappedMessage> got = new CopyOnWriteArrayList<>();
        tap.addListener(got::add);
        tap.start(Duration.ofSeconds(10));
        publish("garden/pond/temperature", "14.2".getBytes(StandardCharsets.UTF_8), false, MqttQos.AT_LEAST_ONCE);
        waitFor(() -> got.stream().anyMatch(m -> m.topic().equals("garden/pond/temperature")));
    }

    @Test
    void noBrokerIsSaidInWords() {
        tap = new TopicTap(BrokerSettings.of(URI.create("tcp://127.0.0.1:1"), "nobody"));
        assertThatThrownBy(() -> tap.start(Duration.ofSeconds(2))).isInstanceOf(LinkException.class)
                .hasMessageContaining("127.0.0.1:1");
    }

    @Test
    void aBrokerThatRefusesHashIsSaidInWords() {
        try (EmbeddedBroker strict = EmbeddedBroker.startRefusing(0, "#", EmbeddedBroker.Refusal.SUBACK_FAILURE)) {
            tap = new TopicTap(BrokerSettings.of(strict.uri(), "strict-console"));
            assertThatThrownBy(() -> tap.start(Duration.ofSeconds(10))).isInstanceOf(LinkException.class)
                    .hasMessageContaining("does not let the topic explorer subscribe to '#' (not authorized)")
                    .hasMessageContaining("strict-console-explorer");
        }
    }
}
