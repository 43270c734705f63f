package io.edgedeck.bench;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.edgedeck.db.LocalStore;
import io.edgedeck.link.broker.EmbeddedBroker;
import io.edgedeck.link.codec.TopicMapping;
import io.edgedeck.link.mqtt.BrokerSettings;
import io.edgedeck.link.mqtt.IngestPipeline;
import io.edgedeck.link.sim.TelemetryBurst;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * bench/ingest: N telemetry messages through the embedded broker, received (a) by a plain subscriber that discards
 * them and (b) by EdgeDeck's full pipeline into an H2 file; prints msgs/s for both, the ratio b/a, and the loss.
 * Usage: IngestBenchmark [N] [devices]
 */
public final class IngestBenchmark {
    public static void main(String[] args) throws Exception {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int devices = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        System.out.printf("ingest benchmark: %,d QoS 1 telemetry messages from %d plugs through the embedded broker%n",
                n, devices);
        System.out.printf("machine: %d cores, JVM %s, max heap %d MB%n", Runtime.getRuntime().availableProcessors(),
                Runtime.version(), Runtime.getRuntime().maxMemory() >> 20);

        // the broker's per-client queue must hold a whole run, or a slow subscriber loses messages at the broker
        try (EmbeddedBroker broker = EmbeddedBroker.start(0, 2 * n + 100_000)) {
            var publisher = new Publisher(broker, devices);
            // warm-up: JIT for both paths, not measured
            plainSubscriber(broker, publisher, Math.min(n, 20_000), 1_000_000_000_000L);
            fullPipeline(broker, publisher, Math.min(n, 20_000), 1_100_000_000_000L);
            double plain = plainSubscriber(broker, publisher, n, 1_600_000_000_000L);
            System.out.printf("(a) plain subscriber (discard):   %,10.0f msgs/s%n", plain);
            PipelineResult full = fullPipeline(broker, publisher, n, 1_700_000_000_000L);
            System.out.printf("(b) EdgeDeck pipeline into H2:    %,10.0f msgs/s  (%,d rows stored, %,d lost, %,d quarantined)%n",
                    full.rate, full.rows, n - full.rows, full.quarantined);
            System.out.printf("ratio b/a: %.2f  (target >= 0.80)  loss: %d  (target 0)%n", full.rate / plain, n - full.rows);
        }
        System.exit(0);
    }

    /** N plug-telemetry messages, each a distinct reading (own device/ts), QoS 1, as fast as the broker takes them. */
    private record Publisher(EmbeddedBroker broker, int devices) {
        void publish(long n, long baseMillis, String clientId) {
            var result = TelemetryBurst.publish(BrokerSettings.of(broker.uri(), clientId), n, devices, 2_000, baseMillis);
            if (result.failed() > 0) {
                throw new IllegalStateException(result.failed() + " publishes failed");
            }
        }
    }

    private static double plainSubscriber(EmbeddedBroker broker, Publisher publisher, long n, long base)
            throws InterruptedException {
        AtomicLong received = new AtomicLong();
        Mqtt5AsyncClient sub = MqttClient.builder().useMqttVersion5().identifier("bench-plain-" + base)
                .serverHost(broker.uri().getHost()).serverPort(broker.port()).buildAsync();
        sub.connectWith().cleanStart(true).send().join();
        sub.publishes(MqttGlobalPublishFilter.SUBSCRIBED, p -> received.incrementAndGet());
        sub.subscribeWith().topicFilter("smartplug/+/telemetry").qos(MqttQos.AT_LEAST_ONCE).send().join();
        long start = System.nanoTime();
        publisher.publish(n, base, "bench-pub-plain-" + base);
        while (received.get() < n) {
            Thread.sleep(1);
        }
        double secs = (System.nanoTime() - start) / 1e9;
        sub.disconnect().join();
        return n / secs;
    }

    private record PipelineResult(double rate, long rows, long quarantined) {
    }

    private static PipelineResult fullPipeline(EmbeddedBroker broker, Publisher publisher, long n, long base)
            throws Exception {
        Path dir = Files.createTempDirectory("edgedeck-bench");
        try (LocalStore store = LocalStore.open(dir.resolve("bench"));
             IngestPipeline pipeline = new IngestPipeline(
                     BrokerSettings.of(broker.uri(), "bench-pipeline-" + base).withCleanStart(true),
                     TopicMapping.defaults(), store.writer())) {
            pipeline.start(Duration.ofSeconds(10));
            long start = System.nanoTime();
            publisher.publish(n, base, "bench-pub-full-" + base);
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (pipeline.stats().readings() + pipeline.stats().quarantined() < n && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            double secs = (System.nanoTime() - start) / 1e9;
            long rows = store.readings().count();
            return new PipelineResult(n / secs, rows, pipeline.stats().quarantined());
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
