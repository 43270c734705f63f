package io.edgedeck.link.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.edgedeck.db.CommitResult;
import io.edgedeck.db.DeviceKind;
import io.edgedeck.db.DeviceRecord;
import io.edgedeck.db.LocalStore;
import io.edgedeck.db.Metric;
import io.edgedeck.db.QuarantinedMessage;
import io.edgedeck.db.Reading;
import io.edgedeck.link.broker.EmbeddedBroker;
import io.edgedeck.link.codec.TopicMapping;
import io.edgedeck.link.mqtt.testing.CuttableProxy;
import io.edgedeck.link.mqtt.testing.TestBroker;
import io.edgedeck.link.sim.FleetSimulator;
import io.edgedeck.link.sim.SimulationConfig;
import io.edgedeck.link.sim.TelemetryBurst;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** End to end: embedded broker, real pipeline, real H2 file, real codec. */
class IngestPipelineTest {
    private static TestBroker bench;
    private static EmbeddedBroker broker;

    @TempDir
    Path dir;
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @BeforeAll
    static void startBroker() {
        bench = TestBroker.start("test-publisher");
        broker = bench.broker();
    }

    @AfterAll
    static void stopBroker() {
        if (bench != null) bench.close();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : cleanup.reversed()) c.close();
    }

    private LocalStore store(String name) {
        LocalStore s = LocalStore.open(dir.resolve(name));
        cleanup.add(s);
        return s;
    }

    private IngestPipeline pipeline(BrokerSettings settings, LocalStore store) {
        IngestPipeline p = new IngestPipeline(settings, TopicMapping.defaults(), store.writer());
        cleanup.add(p);
        return p;
    }

    private static void publish(String topic, String payload) {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8));
    }

    private static void publish(String topic, byte[] payload) {
        bench.publish(topic, payload, false);
    }

    private static CompletableFuture<?> publishAsync(String topic, String payload) {
        return bench.publishAsync(topic, payload);
    }

    private static void await(String what, Duration max, BooleanSupplier done) throws InterruptedException {
        TestBroker.await(what, max, done);
    }

    private static String plug(long ts, double power) {
        double v = 230.0;
        return String.format(Locale.ROOT, "{\"ts\":%d,\"voltage\":%.1f,\"current\":%.4f,\"power\":%.1f,\"relay_state\":\"on\",\"energy\":1.5}",
                ts, v, power / v, power);
    }

    @Test
    void everyReadingIsStoredAndMalformedMessagesAreQuarantined() throws Exception {
        LocalStore store = store("e2e");
        IngestPipeline p = pipeline(BrokerSettings.of(broker.uri(), "e2e-all"), store);
        List<CommitResult> commits = new CopyOnWriteArrayList<>();
        List<LinkState> states = new CopyOnWriteArrayList<>();
        p.addListener((batch, result) -> commits.add(result));
        p.addListener((batch, result) -> {
            throw new IllegalStateException("a broken listener must not stop ingest");
        });
        p.addStateListener(states::add);
        p.start(Duration.ofSeconds(5));
        assertThat(p.stats().state()).isEqualTo(LinkState.CONNECTED);
        assertThat(states).containsExactly(LinkState.CONNECTING, LinkState.CONNECTED);

        long base = 1_732_550_400_000L;
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            sent.add(publishAsync("smartplug/e2e-plug-" + (i % 5) + "/telemetry", plug(base + (i / 5) * 1000L, 10 + i)));
        }
        for (int b = 0; b < 20; b++) {
            long ts = base / 1000 + b * 30L;
            sent.add(publishAsync("sensors/e2e-climate/telemetry", String.format(Locale.ROOT,
                    "[{\"ts\":%d,\"temperature\":%.1f,\"humidity\":48},{\"ts\":%d,\"temperature\":21.5,\"humidity\":47},"
                            + "{\"ts\":%d,\"temperature\":21.6,\"humidity\":46}]", ts, 20.0 + b / 10.0, ts + 10, ts + 20)));
        }
        sent.forEach(CompletableFuture::join);
        publish("smartplug/e2e-bad/telemetry", "{\"voltage\": 230, oops");
        publish("sensors/e2e-bad/telemetry", new byte[]{(byte) 0xff, (byte) 0xfe, 0x00, 0x41});
        publish("smartplug/e2e-plug-0/status", "{\"status\":\"offline\"}");

        await("all messages committed", Duration.ofSeconds(20),
                () -> p.stats().readings() == 560 && p.queued() == 0);
        await("quarantine", Duration.ofSeconds(5), () -> p.stats().quarantined() == 2);

        assertThat(store.readings().count()).isEqualTo(560);
        List<Reading> raw = store.readings().raw("e2e-plug-3", Instant.ofEpochMilli(base), Instant.ofEpochMilli(base + 200_000));
        assertThat(raw).hasSize(100);
        for (int k = 0; k < raw.size(); k++) {
            Reading r = raw.get(k);
            assertThat(r.epochMillis()).isEqualTo(base + k * 1000L);
            assertThat(r.value(Metric.POWER)).isCloseTo(10 + 3 + 5.0 * k, within(1e-9));
            assertThat(r.value(Metric.VOLTAGE)).isCloseTo(230.0, within(1e-9));
            assertThat(r.value(Metric.ENERGY)).isCloseTo(1.5, within(1e-9));
            assertThat(r.kind()).isEqualTo(DeviceKind.PLUG);
        }
        List<Reading> climate = store.readings().raw("e2e-climate", Instant.ofEpochMilli(base), Instant.ofEpochMilli(base + 3_600_000));
        assertThat(climate).hasSize(60);
        assertThat(climate.getFirst().value(Metric.TEMPERATURE)).isCloseTo(20.0, within(1e-9));
        assertThat(climate.get(1).value(Metric.HUMIDITY)).isCloseTo(47.0, within(1e-9));

        assertThat(store.quarantine().count()).isEqualTo(2);
        List<QuarantinedMessage> q = store.quarantine().recent(10);
        assertThat(q).extracting(QuarantinedMessage::topic)
                .containsExactlyInAnyOrder("smartplug/e2e-bad/telemetry", "sensors/e2e-bad/telemetry");
        assertThat(q).allSatisfy(m -> assertThat(m.reason()).isNotBlank());

        assertThat(store.devices().find("e2e-plug-0")).get().extracting(DeviceRecord::online).isEqualTo(false);
        assertThat(store.devices().find("e2e-plug-1")).get().extracting(DeviceRecord::online).isEqualTo(true);

        IngestStats s = p.stats();
        assertThat(s.duplicates()).isZero();
        assertThat(s.lastCommitMillis()).isPositive();
        assertThat(commits.stream().mapToInt(CommitResult::readingsStored).sum()).isEqualTo(560);
        assertThat(commits.size()).as("batched commits").isLessThan(523);
        assertThat(s.messages()).isGreaterThanOrEqualTo(523); // plus retained availability left by other tests

        p.close();
        assertThat(p.stats().state()).isEqualTo(LinkState.DISCONNECTED);
        assertThat(states).endsWith(LinkState.DISCONNECTED);
    }

    @Test
    void messagesAreAcknowledgedOnlyAfterTheirCommit() throws Exception {
        Path file = dir.resolve("ack");
        LocalStore first = LocalStore.open(file);
        IngestPipeline p1 = new IngestPipeline(BrokerSettings.of(broker.uri(), "e2e-ack"), TopicMapping.defaults(), first.writer());
        p1.start(Duration.ofSeconds(5));
        first.close(); // from now on every commit fails
        long base = 1_700_000_000_000L;
        for (int i = 0; i < 200; i++) publishAsync("smartplug/ack-plug/telemetry", plug(base + i * 1000L, i)).join();
        // HiveMQ CE sends nothing more while a message is unacknowledged: at least the first one arrives
        await("received", Duration.ofSeconds(10), () -> p1.stats().messages() >= 1 && p1.storeProblem() != null);
        Thread.sleep(300);
        assertThat(p1.stats().readings()).isZero();
        assertThat(p1.storeProblem()).isNotNull();
        p1.close(Duration.ofMillis(500)); // gives up: nothing was acknowledged

        LocalStore second = store("ack");
        IngestPipeline p2 = pipeline(BrokerSettings.of(broker.uri(), "e2e-ack"), second);
        p2.start(Duration.ofSeconds(5)); // same client id, persistent session: the broker sends them again
        await("redelivered and committed", Duration.ofSeconds(15), () -> second.readings().count() == 200);
        assertThat(second.readings().raw("ack-plug", Instant.ofEpochMilli(base), Instant.ofEpochMilli(base + 200_000)))
                .extracting(Reading::epochMillis).doesNotHaveDuplicates().hasSize(200);
    }

    @Test
    void persistentSessionKeepsMessagesWhileStoppedAndDuplicatesAreStoredOnce() throws Exception {
        LocalStore store = store("persist");
        BrokerSettings settings = BrokerSettings.of(broker.uri(), "e2e-persist");
        long base = 1_710_000_000_000L;
        IngestPipeline p1 = new IngestPipeline(settings, TopicMapping.defaults(), store.writer());
        p1.start(Duration.ofSeconds(5));
        List<CompletableFuture<?>> first = new ArrayList<>();
        for (int i = 0; i < 1000; i++) first.add(publishAsync("smartplug/persist-plug/telemetry", plug(base + i * 1000L, i)));
        first.forEach(CompletableFuture::join);
        await("first part", Duration.ofSeconds(10), () -> p1.stats().readings() == 1000);
        p1.close();

        // published while nobody listens: the broker keeps them for the session
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (int i = 1000; i < 3000; i++) sent.add(publishAsync("smartplug/persist-plug/telemetry", plug(base + i * 1000L, i)));
        // redeliveries / replays of readings already stored
        for (int i = 0; i < 100; i++) sent.add(publishAsync("smartplug/persist-plug/telemetry", plug(base + i * 1000L, i)));
        sent.forEach(CompletableFuture::join);

        IngestPipeline p2 = pipeline(settings, store);
        p2.start(Duration.ofSeconds(5));
        await("backlog", Duration.ofSeconds(20), () -> p2.queued() == 0
                && p2.stats().readings() + p2.stats().duplicates() == 2100);
        assertThat(store.readings().count()).isEqualTo(3000);
        assertThat(p2.stats().readings()).isEqualTo(2000);
        assertThat(p2.stats().duplicates()).isEqualTo(100);
        assertThat(store.readings().raw("persist-plug", Instant.ofEpochMilli(base), Instant.ofEpochMilli(base + 3_000_000)))
                .hasSize(3000);
    }

    @Test
    void connectionLossWithUnacknowledgedMessagesDoesNotStallIngest() throws Exception {
        LocalStore store = store("cut");
        try (CuttableProxy proxy = new CuttableProxy(broker.port())) {
            IngestPipeline p = pipeline(BrokerSettings.of(URI.create("tcp://127.0.0.1:" + proxy.port()), "e2e-cut"), store);
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            AtomicLong commits = new AtomicLong();
            p.addListener((b, r) -> {
                if (commits.incrementAndGet() == 1) {
                    try {
                        release.await(); // holds the writer: what arrives meanwhile stays unacknowledged
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            p.start(Duration.ofSeconds(5));
            long base = 1_730_000_000_000L;
            publish("smartplug/cut-plug/telemetry", plug(base, 1));
            await("first commit", Duration.ofSeconds(5), () -> commits.get() == 1);
            for (int i = 1; i < 50; i++) publish("smartplug/cut-plug/telemetry", plug(base + i * 1000L, 1));
            await("unacknowledged messages waiting", Duration.ofSeconds(5), () -> p.queued() > 0);
            proxy.cut();
            await("reconnected", Duration.ofSeconds(20), () -> p.stats().state() == LinkState.RECONNECTING);
            await("reconnected", Duration.ofSeconds(20), () -> p.stats().state() == LinkState.CONNECTED);
            release.countDown();
            await("redelivered backlog stored", Duration.ofSeconds(20), () -> store.readings().count() == 50);
            // and the flow goes on: the redelivered messages were acknowledged, the broker sends new ones
            for (int i = 50; i < 100; i++) publish("smartplug/cut-plug/telemetry", plug(base + i * 1000L, 1));
            await("new messages after the reconnect", Duration.ofSeconds(20), () -> store.readings().count() == 100);
        }
    }

    @Test
    void mqtt311WithCleanSessionFalse() throws Exception {
        LocalStore store = store("v3");
        BrokerSettings settings = BrokerSettings.of(broker.uri(), "e2e-v3").withVersion(MqttVersion.V3_1_1);
        IngestPipeline p = pipeline(settings, store);
        p.start(Duration.ofSeconds(5));
        publish("iot/data", "temperature:23");
        publish("sensors/v3-climate/telemetry", "{\"readings\":[{\"ts\":1732550400,\"temperature\":21.4,\"humidity\":48}]}");
        await("stored", Duration.ofSeconds(10), () -> store.readings().count() == 2);
        assertThat(store.devices().find("v3-climate")).isPresent();
    }

    @Test
    void mqtt311PersistentSessionKeepsMessagesWhileStopped() throws Exception {
        LocalStore store = store("v3persist");
        BrokerSettings settings = BrokerSettings.of(broker.uri(), "e2e-v3-persist").withVersion(MqttVersion.V3_1_1);
        IngestPipeline p1 = new IngestPipeline(settings, TopicMapping.defaults(), store.writer());
        p1.start(Duration.ofSeconds(5));
        p1.close();
        long base = 1_715_000_000_000L;
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (int i = 0; i < 300; i++) sent.add(publishAsync("smartplug/v3-plug/telemetry", plug(base + i * 1000L, i)));
        sent.forEach(CompletableFuture::join);
        IngestPipeline p2 = pipeline(settings, store);
        p2.start(Duration.ofSeconds(5));
        await("backlog after a 3.1.1 restart", Duration.ofSeconds(15), () -> store.readings().count() == 300);
    }

    @Test
    void unreachableBrokerGivesReadableMessages() throws Exception {
        LocalStore store = store("unreachable");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        IngestPipeline refused = pipeline(BrokerSettings.of(URI.create("tcp://127.0.0.1:" + port), "x1"), store);
        assertThatThrownBy(() -> refused.start(Duration.ofSeconds(3))).isInstanceOf(LinkException.class)
                .hasMessage("Cannot reach the MQTT broker at 127.0.0.1:" + port + ": connection refused");
        assertThat(refused.stats().state()).isEqualTo(LinkState.DISCONNECTED);

        // something listens but never answers CONNECT
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            List<Socket> accepted = new CopyOnWriteArrayList<>();
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        Socket s = silent.accept();
                        accepted.add(s);
                        InputStream in = s.getInputStream();
                        Thread.ofVirtual().start(() -> {
                            try {
                                in.transferTo(java.io.OutputStream.nullOutputStream());
                            } catch (Exception ignored) {
                            }
                        });
                    }
                } catch (Exception ignored) {
                }
            });
            IngestPipeline mute = pipeline(BrokerSettings.of(URI.create("tcp://127.0.0.1:" + silent.getLocalPort()), "x2"), store);
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> mute.start(Duration.ofSeconds(1))).isInstanceOf(LinkException.class)
                    .hasMessage("Cannot reach the MQTT broker at 127.0.0.1:" + silent.getLocalPort() + ": timed out after 1 s");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
            acceptor.interrupt();
            for (Socket s : accepted) s.close();
        }
    }

    @Test
    void reconnectsAndResubscribesAfterTheBrokerRestarts() throws Exception {
        LocalStore store = store("restart");
        EmbeddedBroker own = EmbeddedBroker.start(0);
        int port = own.port();
        List<LinkState> states = new CopyOnWriteArrayList<>();
        IngestPipeline p = pipeline(BrokerSettings.of(own.uri(), "e2e-restart"), store);
        p.addStateListener(states::add);
        p.start(Duration.ofSeconds(5));
        own.close(); // in-memory broker: the session is gone with it
        await("reconnecting", Duration.ofSeconds(10), () -> p.stats().state() == LinkState.RECONNECTING);
        try (EmbeddedBroker again = EmbeddedBroker.start(port)) {
            await("reconnected", Duration.ofSeconds(40), () -> p.stats().state() == LinkState.CONNECTED);
            Mqtt5AsyncClient pub = MqttClient.builder().useMqttVersion5().identifier("restart-pub").serverHost("127.0.0.1")
                    .serverPort(port).buildAsync();
            pub.connect().join();
            long deadline = System.nanoTime() + 10_000_000_000L;
            long ts = 1_720_000_000_000L;
            // the resubscription may land a moment after CONNACK: publish until something arrives
            while (store.readings().count() == 0 && System.nanoTime() < deadline) {
                pub.publishWith().topic("smartplug/restart-plug/telemetry").qos(MqttQos.AT_LEAST_ONCE)
                        .payload(plug(ts, 5).getBytes(StandardCharsets.UTF_8)).send().join();
                ts += 1000;
                Thread.sleep(100);
            }
            assertThat(store.readings().count()).isPositive();
            pub.disconnect().join();
            p.close();
        }
        assertThat(states).containsSubsequence(LinkState.CONNECTING, LinkState.CONNECTED, LinkState.RECONNECTING,
                LinkState.CONNECTED, LinkState.DISCONNECTED);
    }

    @Test
    void simulatedFleetDecodesCleanly() throws Exception {
        LocalStore store = store("sim");
        IngestPipeline p = pipeline(BrokerSettings.of(broker.uri(), "e2e-sim"), store);
        p.start(Duration.ofSeconds(5));
        try (FleetSimulator sim = new FleetSimulator(BrokerSettings.of(broker.uri(), "sim"), new SimulationConfig(6, 2, 4.0, 21),
                new FleetSimulator.Timing(Duration.ofSeconds(1), 2, Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1)),
                ZoneOffset.UTC)) {
            sim.start();
            await("every simulated device stored", Duration.ofSeconds(10),
                    () -> sim.deviceIds().stream().allMatch(id -> store.devices().find(id).isPresent()
                            && store.readings().latest(id, id.contains("plug") ? Metric.POWER : Metric.TEMPERATURE).isPresent()));
            sim.dropNow("sim-plug-01", Duration.ofSeconds(30));
            await("will seen as offline", Duration.ofSeconds(5),
                    () -> !store.devices().find("sim-plug-01").orElseThrow().online());
        }
        assertThat(store.quarantine().count()).as("simulator output the codec cannot read").isZero();
        assertThat(store.devices().find("sim-plug-02").orElseThrow().kind()).isEqualTo(DeviceKind.PLUG);
        assertThat(store.devices().find("sim-climate-01").orElseThrow().kind()).isEqualTo(DeviceKind.SENSOR);
    }

    @Test
    void throughputWithTelemetryBurst() throws Exception {
        LocalStore store = store("burst");
        IngestPipeline p = pipeline(BrokerSettings.of(broker.uri(), "e2e-burst"), store);
        AtomicLong committed = new AtomicLong();
        AtomicLong commits = new AtomicLong();
        p.addListener((b, r) -> committed.addAndGet(r.readingsStored()));
        p.addListener((b, r) -> commits.incrementAndGet());
        p.start(Duration.ofSeconds(5));
        int n = 50_000;
        long t0 = System.nanoTime();
        TelemetryBurst.Result r = TelemetryBurst.publish(BrokerSettings.of(broker.uri(), "burst-e2e"), n, 500, 1_000);
        await("burst stored", Duration.ofSeconds(60), () -> committed.get() == n);
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf("[e2e] %d msgs: publish %.0f msg/s, broker -> pipeline -> H2 file committed %.0f msg/s in %d commits%n",
                n, r.messagesPerSecond(), n / secs, commits.get());
        assertThat(store.readings().count()).isEqualTo(n);
        assertThat(p.stats().duplicates()).isZero();
    }
}
