package io.edgedeck.link.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.edgedeck.link.broker.EmbeddedBroker;
import io.edgedeck.link.tls.testing.Mosquitto;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Show broker $SYS topics": Mosquitto's statistics arrive beside the {@code #} topics; a broker that refuses
 * {@code $SYS/#} — with a SUBACK failure, or by dropping the client that asked (AWS IoT Core's way) — gets one clear
 * note, is not asked again, and the {@code #} tap goes on.
 */
class TopicTapSysTest {
    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<TappedMessage> got = new CopyOnWriteArrayList<>();
    private final List<TopicTap.SysStatus> sys = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) c.close();
    }

    private <T extends AutoCloseable> T keep(T c) {
        open.add(c);
        return c;
    }

    private TopicTap tap(URI broker, MqttVersion version) {
        TopicTap tap = keep(new TopicTap(BrokerSettings.of(broker, "sys-console").withVersion(version)));
        tap.addListener(got::add);
        tap.addSysListener(sys::add);
        tap.start(Duration.ofSeconds(10));
        return tap;
    }

    private Mqtt5BlockingClient publisher(int port) {
        Mqtt5BlockingClient p = MqttClient.builder().useMqttVersion5().identifier("sys-publisher")
                .serverHost("127.0.0.1").serverPort(port).buildBlocking();
        p.connect();
        open.add(() -> {
            try {
                p.disconnect();
            } catch (RuntimeException gone) {
                // the broker is closed already
            }
        });
        return p;
    }

    private static void publish(Mqtt5BlockingClient p, String topic, String payload) {
        p.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload.getBytes(StandardCharsets.UTF_8)).send();
    }

    private boolean seen(String topic) {
        return got.stream().anyMatch(m -> m.topic().equals(topic));
    }

    private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) throw new AssertionError(what + ": not within 20 s");
            Thread.sleep(20);
        }
    }

    private long refusals() {
        return sys.stream().filter(s -> s.state() == TopicTap.SysState.REFUSED).count();
    }

    @Test
    void mosquittosStatisticsArriveBesideTheOtherTopicsAndStopWhenSwitchedOff() throws Exception {
        Assumptions.assumeTrue(Mosquitto.find().isPresent(),
                "Mosquitto is not installed (Debian: apt-get install mosquitto); its $SYS test is skipped");
        Mosquitto broker = keep(Mosquitto.startPlain(dir.resolve("mosquitto"), Mosquitto.Plain.unlimited().withSysInterval(1)));
        TopicTap tap = tap(broker.uri(), MqttVersion.V3_1_1);
        var publisher = publisher(broker.port());
        publish(publisher, "plant/line-1/meter", "{\"watts\": 12}");
        waitFor("a normal topic", () -> seen("plant/line-1/meter"));
        assertThat(got).noneMatch(m -> m.topic().startsWith("$SYS/")); // off by default: # does not match $SYS

        tap.showSys(true);
        assertThat(tap.filters()).containsExactly("#", "$SYS/#");
        waitFor("$SYS/broker/uptime", () -> seen("$SYS/broker/uptime"));
        assertThat(sys).extracting(TopicTap.SysStatus::state)
                .containsSubsequence(TopicTap.SysState.STARTING, TopicTap.SysState.WATCHING);
        publish(publisher, "plant/line-2/meter", "{\"watts\": 13}");
        waitFor("a normal topic after $SYS", () -> seen("plant/line-2/meter"));

        tap.showSys(false);
        assertThat(sys.getLast().state()).isEqualTo(TopicTap.SysState.OFF);
        int sysCount = (int) got.stream().filter(m -> m.topic().startsWith("$SYS/")).count();
        publish(publisher, "plant/line-3/meter", "{\"watts\": 14}");
        waitFor("a normal topic after switching off", () -> seen("plant/line-3/meter"));
        Thread.sleep(1_500); // Mosquitto publishes $SYS every second: none may come now
        assertThat(got.stream().filter(m -> m.topic().startsWith("$SYS/")).count()).isEqualTo(sysCount);
    }

    @Test
    void aSubackFailureIsOneNoteAndTheTapGoesOn() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.startRefusing(0, "$SYS", EmbeddedBroker.Refusal.SUBACK_FAILURE)) {
            TopicTap tap = tap(broker.uri(), MqttVersion.V5);
            tap.showSys(true);
            waitFor("the refusal", () -> refusals() > 0);
            assertThat(sys.getLast().message()).contains("refused $SYS/#").contains("not authorized")
                    .contains("Topics and ingest are not affected");

            var publisher = publisher(broker.port());
            publish(publisher, "plant/line-1/meter", "{\"watts\": 12}");
            waitFor("a normal topic after the refusal", () -> seen("plant/line-1/meter"));
            Thread.sleep(1_500); // longer than the reconnect's first delay: a loop would ask again
            assertThat(refusals()).isEqualTo(1);
            tap.close();
        }
    }

    @Test
    void aBrokerThatDropsTheClientForSysIsOneNoteNotALoopAndTheTapStaysConnected() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.startRefusing(0, "$SYS", EmbeddedBroker.Refusal.DISCONNECT)) {
            TopicTap tap = tap(broker.uri(), MqttVersion.V3_1_1);
            tap.showSys(true);
            waitFor("the refusal", () -> refusals() > 0);
            assertThat(sys.getLast().message()).contains("closed the connection").contains("$SYS/#")
                    .contains("AWS IoT Core");

            var publisher = publisher(broker.port());
            Thread.sleep(1_500); // longer than the reconnect's first delay: a loop would ask (and be dropped) again
            publish(publisher, "plant/line-1/meter", "{\"watts\": 12}");
            waitFor("a normal topic after the refusal", () -> seen("plant/line-1/meter"));
            assertThat(refusals()).isEqualTo(1);
            assertThat(sys.getLast().state()).isEqualTo(TopicTap.SysState.REFUSED);
            assertThat(tap.dropped()).isZero();
            tap.close();
        }
    }
}
