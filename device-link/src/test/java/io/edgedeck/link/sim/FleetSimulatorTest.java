package io.edgedeck.link.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.edgedeck.db.DeviceKind;
import io.edgedeck.link.broker.EmbeddedBroker;
import io.edgedeck.link.command.CommandSigner;
import io.edgedeck.link.command.OperatorKey;
import io.edgedeck.link.command.OperatorKeys;
import io.edgedeck.link.command.RelayCommand;
import io.edgedeck.link.command.SignedCommand;
import io.edgedeck.link.command.TrustedOperatorKeys;
import io.edgedeck.link.mqtt.BrokerSettings;
import io.edgedeck.link.mqtt.LinkException;
import io.edgedeck.link.mqtt.MqttVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class FleetSimulatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static EmbeddedBroker broker;

    private final List<AutoCloseable> cleanup = new ArrayList<>();

    record Msg(String topic, String payload, boolean retained, long at) {
        JsonNode json() {
            try {
                return JSON.readTree(payload);
            } catch (Exception e) {
                throw new AssertionError("not JSON on " + topic + ": " + payload, e);
            }
        }
    }

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.start(0);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) broker.close();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : cleanup.reversed()) c.close();
    }

    private BrokerSettings settings(String clientId) {
        return BrokerSettings.of(broker.uri(), clientId);
    }

    private ConcurrentLinkedQueue<Msg> listen(String filter) {
        ConcurrentLinkedQueue<Msg> got = new ConcurrentLinkedQueue<>();
        Mqtt5AsyncClient c = MqttClient.builder().useMqttVersion5().identifier("listener-" + System.nanoTime())
                .serverHost("127.0.0.1").serverPort(broker.port()).buildAsync();
        c.publishes(MqttGlobalPublishFilter.ALL, p -> got.add(new Msg(p.getTopic().toString(),
                new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8), p.isRetain(), System.currentTimeMillis())));
        c.connect().join();
        c.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send().join();
        cleanup.add(() -> c.disconnect().join());
        return got;
    }

    private FleetSimulator sim(SimulationConfig config, FleetSimulator.Timing timing) {
        FleetSimulator s = new FleetSimulator(settings("unused"), config, timing, ZoneOffset.UTC);
        cleanup.add(s);
        return s;
    }

    private static FleetSimulator.Timing fast() {
        return new FleetSimulator.Timing(Duration.ofSeconds(1), 2, Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    private static void await(ConcurrentLinkedQueue<Msg> q, Predicate<List<Msg>> done, Duration max) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < end) {
            if (done.test(List.copyOf(q))) return;
            Thread.sleep(50);
        }
        throw new AssertionError("condition not met within " + max + "; got " + q.size() + " messages");
    }

    @Test
    void publishesTheBriefFormats() throws Exception {
        var got = listen("#");
        FleetSimulator sim = sim(new SimulationConfig(6, 2, 4.0, 7), fast());
        assertThat(sim.deviceIds()).containsExactly("sim-plug-01", "sim-plug-02", "sim-plug-03", "sim-plug-04",
                "sim-plug-05", "sim-plug-06", "sim-climate-01", "sim-climate-02");
        assertThat(sim.devices()).extracting(SimDevice::profile).containsExactly("fridge", "kettle", "tv", "pc",
                "washing machine", "standby", "climate", "climate");
        sim.start();
        long startedAt = System.currentTimeMillis();
        await(got, l -> l.stream().filter(m -> m.topic().startsWith("sensors/") && m.topic().endsWith("/telemetry"))
                .map(Msg::topic).distinct().count() == 2
                && l.stream().filter(m -> m.topic().endsWith("/telemetry") && m.topic().startsWith("smartplug/")).count() >= 30,
                Duration.ofSeconds(10));

        List<Msg> all = List.copyOf(got);
        // availability: every device announced itself online
        for (int i = 1; i <= 6; i++) {
            String t = "smartplug/sim-plug-0" + i + "/status";
            assertThat(all).filteredOn(m -> m.topic().equals(t) && m.payload().equals("{\"status\":\"online\"}")).isNotEmpty();
            assertThat(all).filteredOn(m -> m.topic().equals(t) && m.json().get("status").asText().matches("on|off")).isNotEmpty();
        }
        assertThat(all).filteredOn(m -> m.topic().equals("sensors/sim-climate-01/availability")).extracting(Msg::payload)
                .contains("online");

        // plug telemetry
        List<Msg> plugs = all.stream().filter(m -> m.topic().matches("smartplug/sim-plug-0\\d/telemetry")).toList();
        assertThat(plugs.stream().map(Msg::topic).distinct()).hasSize(6);
        for (Msg m : plugs) {
            JsonNode j = m.json();
            assertThat(j.fieldNames()).toIterable().containsExactlyInAnyOrder("voltage", "current", "power", "relay_state", "energy");
            double v = j.get("voltage").asDouble(), a = j.get("current").asDouble(), p = j.get("power").asDouble();
            assertThat(v).isBetween(223.1, 236.9);
            assertThat(p).isBetween(0.0, 3000.0);
            assertThat(a).isCloseTo(p / v, within(0.002));
            assertThat(j.get("relay_state").asText()).isIn("on", "off");
            if (j.get("relay_state").asText().equals("off")) assertThat(p).isZero();
            assertThat(j.get("energy").asDouble()).isPositive();
        }
        // the energy counter never goes backwards
        List<Double> energy = plugs.stream().filter(m -> m.topic().contains("sim-plug-01/"))
                .map(m -> m.json().get("energy").asDouble()).toList();
        for (int i = 1; i < energy.size(); i++) assertThat(energy.get(i)).isGreaterThanOrEqualTo(energy.get(i - 1));

        // sensor batches
        List<Msg> sensors = all.stream().filter(m -> m.topic().matches("sensors/sim-climate-0\\d/telemetry")).toList();
        for (Msg m : sensors) {
            JsonNode arr = m.json();
            assertThat(arr.isArray()).as(m.payload()).isTrue();
            assertThat(arr.size()).isGreaterThanOrEqualTo(2);
            long prev = 0;
            for (JsonNode r : arr) {
                long ts = r.get("ts").asLong();
                assertThat(ts * 1000).isBetween(startedAt - 5_000, System.currentTimeMillis() + 1_000);
                assertThat(ts).isGreaterThan(prev);
                prev = ts;
                assertThat(r.get("temperature").asDouble()).isBetween(10.0, 35.0);
                assertThat(r.get("humidity").asDouble()).isBetween(15.0, 95.0);
            }
        }
        assertThat(sim.published()).isGreaterThan(30);
    }

    @Test
    void forcedDropLeavesTheWillAndComesBack() throws Exception {
        var got = listen("+/+/+");
        FleetSimulator sim = sim(new SimulationConfig(2, 1, 2.0, 3), fast());
        sim.start();
        await(got, l -> l.stream().anyMatch(m -> m.topic().equals("smartplug/sim-plug-02/telemetry")), Duration.ofSeconds(5));

        sim.dropNow("sim-plug-02", Duration.ofSeconds(1));
        assertThat(sim.isOnline("sim-plug-02")).isFalse();
        await(got, l -> l.stream().anyMatch(m -> m.topic().equals("smartplug/sim-plug-02/status")
                && m.payload().equals("{\"status\":\"offline\"}")), Duration.ofSeconds(5));
        long offlineAt = got.stream().filter(m -> m.payload().equals("{\"status\":\"offline\"}")).findFirst().orElseThrow().at();
        await(got, l -> l.stream().anyMatch(m -> m.topic().equals("smartplug/sim-plug-02/status")
                && m.payload().equals("{\"status\":\"online\"}") && m.at() > offlineAt), Duration.ofSeconds(6));
        long until = System.nanoTime() + 3_000_000_000L;
        while (!sim.isOnline("sim-plug-02") && System.nanoTime() < until) Thread.sleep(20);
        assertThat(sim.isOnline("sim-plug-02")).isTrue();

        sim.dropNow("sim-climate-01", Duration.ofSeconds(30));
        await(got, l -> l.stream().anyMatch(m -> m.topic().equals("sensors/sim-climate-01/availability")
                && m.payload().equals("offline")), Duration.ofSeconds(5));
    }

    @Test
    void dropsOutOnItsOwnAndSimulatorCloseLeavesDevicesOffline() throws Exception {
        var got = listen("+/+/status");
        FleetSimulator sim = sim(new SimulationConfig(3, 0, 1.0, 11),
                new FleetSimulator.Timing(Duration.ofSeconds(1), 2, Duration.ofMillis(300), Duration.ofMillis(500), Duration.ofMillis(800)));
        sim.start();
        await(got, l -> l.stream().anyMatch(m -> m.payload().equals("{\"status\":\"offline\"}")), Duration.ofSeconds(8));
        sim.close();
        await(got, l -> {
            for (String id : List.of("sim-plug-01", "sim-plug-02", "sim-plug-03")) {
                var last = l.stream().filter(m -> m.topic().equals("smartplug/" + id + "/status")
                        && m.payload().contains("line")).reduce((a, b) -> b);
                if (last.isEmpty() || !last.get().payload().contains("offline")) return false;
            }
            return true;
        }, Duration.ofSeconds(5));
    }

    @Test
    void plugObeysSignedCommandsOnlyAndAcknowledgesEach() throws Exception {
        var got = listen("smartplug/sim-plug-03/#");
        OperatorKey operator = OperatorKeys.generate(new SecureRandom());
        FleetSimulator sim = new FleetSimulator(settings("unused"), new SimulationConfig(3, 0, 5.0, 5), fast(),
                ZoneOffset.UTC, TrustedOperatorKeys.of(List.of(operator.publicKey())), Clock.systemUTC());
        cleanup.add(sim);
        sim.start();
        Mqtt5AsyncClient op = MqttClient.builder().useMqttVersion5().identifier("operator").serverHost("127.0.0.1")
                .serverPort(broker.port()).buildAsync();
        op.connect().join();
        cleanup.add(() -> op.disconnect().join());
        CommandSigner signer = new CommandSigner(operator, Clock.systemUTC(), new SecureRandom());
        SignedCommand off = signer.sign("sim-plug-03", RelayCommand.RELAY_OFF);
        op.publishWith().topic("smartplug/sim-plug-03/control").payload(off.jws().getBytes()).qos(MqttQos.AT_LEAST_ONCE).send().join();
        await(got, l -> l.stream().anyMatch(m -> m.topic().endsWith("/status") && m.payload().contains(off.nonce())), Duration.ofSeconds(5));
        Msg ack = got.stream().filter(m -> m.payload().contains(off.nonce())).findFirst().orElseThrow();
        assertThat(ack.json().get("status").asText()).isEqualTo("off");
        assertThat(ack.json().get("result").asText()).isEqualTo("accepted");
        long after = System.currentTimeMillis() + 300;
        await(got, l -> l.stream().anyMatch(m -> m.topic().endsWith("/telemetry") && m.at() > after), Duration.ofSeconds(5));
        Msg t = got.stream().filter(m -> m.topic().endsWith("/telemetry") && m.at() > after).findFirst().orElseThrow();
        assertThat(t.json().get("relay_state").asText()).isEqualTo("off");
        assertThat(t.json().get("power").asDouble()).isZero();

        // the old unsigned payloads are refused and change nothing
        op.publishWith().topic("smartplug/sim-plug-03/control").payload("ON".getBytes()).qos(MqttQos.AT_LEAST_ONCE).send().join();
        await(got, l -> l.stream().anyMatch(m -> m.payload().contains("\"reason\":\"malformed\"")), Duration.ofSeconds(5));
        Msg refused = got.stream().filter(m -> m.payload().contains("malformed")).findFirst().orElseThrow();
        assertThat(refused.payload()).isEqualTo("{\"status\":\"off\",\"result\":\"rejected\",\"reason\":\"malformed\"}");
    }

    @Test
    void byDefaultPlugsTrustNoKey() throws Exception {
        var got = listen("smartplug/sim-plug-01/status");
        FleetSimulator sim = sim(new SimulationConfig(1, 0, 1.0, 5), fast());
        sim.start();
        SignedCommand c = new CommandSigner(OperatorKeys.generate(new SecureRandom()), Clock.systemUTC(), new SecureRandom())
                .sign("sim-plug-01", RelayCommand.RELAY_TOGGLE);
        Mqtt5AsyncClient op = MqttClient.builder().useMqttVersion5().identifier("operator2").serverHost("127.0.0.1")
                .serverPort(broker.port()).buildAsync();
        op.connect().join();
        cleanup.add(() -> op.disconnect().join());
        op.publishWith().topic("smartplug/sim-plug-01/control").payload(c.jws().getBytes()).qos(MqttQos.AT_LEAST_ONCE).send().join();
        await(got, l -> l.stream().anyMatch(m -> m.payload().contains(c.nonce())), Duration.ofSeconds(5));
        assertThat(got.stream().filter(m -> m.payload().contains(c.nonce())).findFirst().orElseThrow().json().get("reason").asText())
                .isEqualTo("unknown_key");
    }

    @Test
    void manyDevicesOnOneSchedulerWithMqtt311() throws Exception {
        AtomicLong telemetry = new AtomicLong();
        var got = listen("smartplug/+/telemetry");
        BrokerSettings v3 = settings("unused").withVersion(MqttVersion.V3_1_1);
        FleetSimulator sim = new FleetSimulator(v3, new SimulationConfig(200, 20, 1.0, 99), fast(), ZoneOffset.UTC);
        cleanup.add(sim);
        long t0 = System.nanoTime();
        sim.start();
        long connectMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(sim.deviceIds()).hasSize(220).contains("sim-plug-001", "sim-plug-200", "sim-climate-20");
        await(got, l -> l.stream().map(Msg::topic).distinct().count() == 200, Duration.ofSeconds(10));
        telemetry.set(got.size());
        System.out.printf("[sim] 220 devices (MQTT 3.1.1) connected in %d ms; %d plug messages received%n", connectMs, telemetry.get());
        long threads = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("edgedeck-sim")).count();
        assertThat(threads).isLessThanOrEqualTo(4);
    }

    @Test
    void unreachableBrokerGivesReadableError() {
        int port;
        try (var s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        FleetSimulator sim = new FleetSimulator(BrokerSettings.of(URI.create("tcp://127.0.0.1:" + port), "x"),
                new SimulationConfig(2, 1, 1.0, 1), fast());
        cleanup.add(sim);
        assertThatThrownBy(sim::start).isInstanceOf(LinkException.class)
                .hasMessage("Cannot reach the MQTT broker at 127.0.0.1:" + port + ": connection refused");
    }

    @Test
    void burstPublishesEveryMessageAndWaitsForAcks() throws Exception {
        var got = listen("smartplug/+/telemetry");
        int n = 20_000;
        TelemetryBurst.Result r = TelemetryBurst.publish(settings("burst"), n, 100, 1_000);
        assertThat(r.messages()).isEqualTo(n);
        assertThat(r.failed()).isZero();
        System.out.printf("[burst] %d QoS 1 messages in %d ms = %.0f msg/s%n", n, r.elapsed().toMillis(), r.messagesPerSecond());
        await(got, l -> l.size() == n, Duration.ofSeconds(20));
        JsonNode first = got.peek().json();
        assertThat(first.has("ts")).isTrue();
        assertThat(got.stream().map(m -> m.topic() + m.json().get("ts").asLong()).distinct().count()).isEqualTo(n);
    }

    @Test
    void modelsAreDeterministicAndBelievable() {
        long t0 = 1_732_550_400_000L; // 2024-11-25 16:00 UTC
        PlugModel a = new PlugModel(Appliance.FRIDGE, 42, ZoneOffset.UTC);
        PlugModel b = new PlugModel(Appliance.FRIDGE, 42, ZoneOffset.UTC);
        PlugModel c = new PlugModel(Appliance.FRIDGE, 43, ZoneOffset.UTC);
        boolean sameAsC = true;
        double min = Double.MAX_VALUE, max = 0;
        int switches = 0;
        boolean wasOn = false;
        for (int s = 0; s < 4 * 3600; s++) {
            long t = t0 + s * 1000L;
            var x = a.sample(t, null);
            assertThat(x).isEqualTo(b.sample(t, null));
            sameAsC &= x.equals(c.sample(t, null));
            min = Math.min(min, x.power());
            max = Math.max(max, x.power());
            boolean on = x.power() > 20;
            if (on != wasOn) switches++;
            wasOn = on;
        }
        assertThat(sameAsC).isFalse();
        assertThat(min).isLessThan(2.0);
        assertThat(max).isBetween(80.0, 320.0);
        assertThat(switches).as("compressor cycles in 4 h").isBetween(20, 80);

        // a kettle boils at ~2 kW at least once a day; otherwise it sits in standby
        PlugModel kettle = new PlugModel(Appliance.KETTLE, 1, ZoneOffset.UTC);
        double kmax = 0;
        long boilingSeconds = 0;
        double e0 = kettle.sample(t0, null).energyKwh(), e1 = e0;
        for (int s = 0; s < 24 * 3600; s++) {
            var x = kettle.sample(t0 + s * 1000L, null);
            if (x.relayOn()) {
                kmax = Math.max(kmax, x.power());
                if (x.power() > 1500) boilingSeconds++;
                else assertThat(x.power()).isLessThan(5.0);
            }
            e1 = x.energyKwh();
        }
        assertThat(kmax).isBetween(1800.0, 2300.0);
        assertThat(boilingSeconds).isBetween(120L, 4L * 3600);
        assertThat(e1).isGreaterThan(e0);

        // climate: a daily swing and humidity moving the other way
        ClimateModel room = new ClimateModel(5, ZoneOffset.UTC);
        double tMin = 99, tMax = -99, hAtMin = 0, hAtMax = 0;
        long midnight = 1_732_492_800_000L;
        for (int m = 0; m < 24 * 60; m += 2) {
            var s = room.sample(midnight + m * 60_000L);
            if (s.temperature() < tMin) { tMin = s.temperature(); hAtMin = s.humidity(); }
            if (s.temperature() > tMax) { tMax = s.temperature(); hAtMax = s.humidity(); }
        }
        assertThat(tMax - tMin).isGreaterThan(2.0);
        assertThat(hAtMax).isLessThan(hAtMin);

        // same seed, same fleet
        var cfg = new SimulationConfig(40, 3, 1, 1234);
        var s1 = new FleetSimulator(settings("x"), cfg);
        var s2 = new FleetSimulator(settings("x"), cfg);
        cleanup.add(s1);
        cleanup.add(s2);
        assertThat(s1.devices()).isEqualTo(s2.devices());
        assertThat(s1.devices().stream().filter(d -> d.kind() == DeviceKind.PLUG).map(SimDevice::profile).distinct()).hasSize(6);
    }

    @SuppressWarnings("unused")
    private static void sleep(long ms) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(ms);
    }
}
