package io.edgedeck.link.mqtt.testing;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.edgedeck.link.broker.EmbeddedBroker;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * An embedded broker with a connected QoS 1 publisher, for the tests that push payloads through the real ingest
 * pipeline (one per test class: start it in {@code @BeforeAll}, close it in {@code @AfterAll}).
 */
public final class TestBroker implements AutoCloseable {
    private final EmbeddedBroker broker;
    private final Mqtt5AsyncClient publisher;

    private TestBroker(EmbeddedBroker broker, Mqtt5AsyncClient publisher) {
        this.broker = broker;
        this.publisher = publisher;
    }

    /** Starts a broker on a free port and connects a publisher with client id {@code publisherId}. */
    public static TestBroker start(String publisherId) {
        EmbeddedBroker broker = EmbeddedBroker.start(0);
        Mqtt5AsyncClient publisher = MqttClient.builder().useMqttVersion5().identifier(publisherId)
                .serverHost("127.0.0.1").serverPort(broker.port()).buildAsync();
        publisher.connect().join();
        return new TestBroker(broker, publisher);
    }

    public EmbeddedBroker broker() {
        return broker;
    }

    /** Publishes with QoS 1 and waits for the broker's acknowledgement. */
    public void publish(String topic, byte[] payload, boolean retain) {
        publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).retain(retain).payload(payload).send().join();
    }

    public void publish(String topic, String payload, boolean retain) {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8), retain);
    }

    /** Publishes with QoS 1 without waiting. */
    public CompletableFuture<?> publishAsync(String topic, String payload) {
        return publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                .payload(payload.getBytes(StandardCharsets.UTF_8)).send();
    }

    /** Polls {@code done} every 20 ms; fails naming {@code what} after {@code max}. */
    public static void await(String what, Duration max, BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        publisher.disconnect().join();
        broker.close();
    }
}
