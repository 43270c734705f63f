package io.edgedeck.bench;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes N plug-telemetry messages at QoS 1 as fast as the broker takes them, with a bounded number in flight.
 * Message i belongs to device {@code bench-plug-(i % devices)} and carries its own unique {@code ts}, so every
 * message is a distinct reading (none can be taken for a redelivery).
 */
final class TelemetryPublisher {
    private static final int IN_FLIGHT = 2_000;

    private final URI broker;
    private final int devices;

    TelemetryPublisher(URI broker, int devices) {
        this.broker = broker;
        this.devices = devices;
    }

    /** Publishes and returns when the broker acknowledged every message. */
    void publish(long count, long baseMillis, String clientId) throws InterruptedException {
        Mqtt5AsyncClient client = MqttClient.builder().useMqttVersion5().identifier(clientId)
                .serverHost(broker.getHost()).serverPort(broker.getPort()).buildAsync();
        client.connectWith().cleanStart(true).send().join();
        Semaphore window = new Semaphore(IN_FLIGHT);
        AtomicLong failures = new AtomicLong();
        byte[][] topics = new byte[devices][];
        String[] topicNames = new String[devices];
        for (int d = 0; d < devices; d++) {
            topicNames[d] = "smartplug/bench-plug-%04d/telemetry".formatted(d);
            topics[d] = topicNames[d].getBytes(StandardCharsets.UTF_8);
        }
        for (long i = 0; i < count; i++) {
            int device = (int) (i % devices);
            long ts = baseMillis + (i / devices) * 1000L;
            double power = 100 + (i % 37);
            String payload = "{\"ts\":" + ts + ",\"voltage\":230.1,\"current\":" + (power / 230.1)
                    + ",\"power\":" + power + ",\"relay_state\":\"on\"}";
            window.acquire();
            client.publishWith().topic(topicNames[device]).qos(MqttQos.AT_LEAST_ONCE)
                    .payload(payload.getBytes(StandardCharsets.UTF_8)).send()
                    .whenComplete((ack, err) -> {
                        if (err != null) {
                            failures.incrementAndGet();
                        }
                        window.release();
                    });
        }
        if (!window.tryAcquire(IN_FLIGHT, 5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("publishes not acknowledged after 5 minutes");
        }
        client.disconnect().join();
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " publishes failed");
        }
    }
}
