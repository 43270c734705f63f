package io.edgedeck.link.broker;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedBrokerTest {

    @Test
    void startsOnFreeLoopbackPortRoundTripsAndCleansUp() throws Exception {
        Path home;
        try (EmbeddedBroker broker = EmbeddedBroker.start(0)) {
            assertThat(broker.port()).isPositive();
            assertThat(broker.uri().toString()).isEqualTo("tcp://127.0.0.1:" + broker.port());
            home = findHome(broker);
            assertThat(home.resolve("conf/config.xml")).exists();
            assertThat(Files.readString(home.resolve("conf/config.xml"))).contains("<bind-address>127.0.0.1</bind-address>")
                    .contains("in-memory");

            Mqtt5BlockingClient sub = MqttClient.builder().useMqttVersion5().identifier("t-sub")
                    .serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();
            Mqtt5BlockingClient pub = MqttClient.builder().useMqttVersion5().identifier("t-pub")
                    .serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();
            sub.connect();
            pub.connect();
            try (var publishes = sub.publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL)) {
                sub.subscribeWith().topicFilter("smartplug/+/telemetry").qos(MqttQos.AT_LEAST_ONCE).send();
                pub.publishWith().topic("smartplug/p1/telemetry").qos(MqttQos.AT_LEAST_ONCE)
                        .payload("{\"power\":1.5}".getBytes(StandardCharsets.UTF_8)).send();
                Mqtt5Publish got = publishes.receive(5, TimeUnit.SECONDS).orElseThrow();
                assertThat(got.getTopic().toString()).isEqualTo("smartplug/p1/telemetry");
                assertThat(new String(got.getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"power\":1.5}");
            }
            pub.disconnect();
            sub.disconnect();
            broker.close();
            broker.close(); // idempotent
        }
        assertThat(home).doesNotExist();
    }

    @Test
    void refusesABusyPort() throws Exception {
        try (var blocker = new java.net.ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int busy = blocker.getLocalPort();
            assertThatThrownBy(() -> EmbeddedBroker.start(busy)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(String.valueOf(busy));
        }
    }

    private static Path findHome(EmbeddedBroker broker) throws Exception {
        var f = EmbeddedBroker.class.getDeclaredField("home");
        f.setAccessible(true);
        return (Path) f.get(broker);
    }

    @SuppressWarnings("unused")
    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
