package io.edgedeck.app.console;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.edgedeck.db.LocalStore;
import io.edgedeck.link.broker.EmbeddedBroker;
import io.edgedeck.link.mqtt.IngestPipeline;
import io.edgedeck.link.mqtt.LinkState;
import io.edgedeck.services.profiles.ConnectionProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Switching profiles at runtime against two real embedded brokers and a real H2 file: after the switch, data from the
 * second broker arrives through the same feed, the first broker's connection is closed and what it still publishes
 * is not taken.
 */
class FleetLinkSwitchTest {
    @TempDir
    Path dir;

    @Test
    void switchingProfilesMovesTheFeedFromTheFirstBrokerToTheSecond() throws Exception {
        try (EmbeddedBroker first = EmbeddedBroker.start(0);
             EmbeddedBroker second = EmbeddedBroker.start(0);
             LocalStore store = LocalStore.open(dir.resolve("fleet"));
             ConsoleCommandLink commands = new ConsoleCommandLink()) {
            ExecutorService background = Executors.newCachedThreadPool();
            Set<String> seen = ConcurrentHashMap.newKeySet();
            List<String> switchedTo = new CopyOnWriteArrayList<>();
            List<String> failures = new CopyOnWriteArrayList<>();
            FleetLink link = new FleetLink(store, commands, s -> {
                throw new AssertionError("no demo fleet in this test");
            }, new FleetLink.Events() {
                @Override
                public void switched(ConsoleConnection c, String description) {
                    switchedTo.add(description);
                }

                @Override
                public void failed(String header, String message, boolean retrying) {
                    failures.add(header + ": " + message);
                }
            }, Duration.ofSeconds(5));
            link.feed().addListener((batch, result) -> batch.readings().forEach(r -> seen.add(r.deviceId())));
            List<LinkState> states = new CopyOnWriteArrayList<>();
            link.feed().addStateListener(states::add);

            var profileA = ConnectionProfile.plain("Plant A", "127.0.0.1", first.port());
            var profileB = ConnectionProfile.plain("Plant B", "127.0.0.1", second.port());
            assertThat(link.switchTo(ConsoleConnection.of(profileA, "console-test"))).isTrue();
            IngestPipeline onA = link.pipeline();
            assertThat(onA.state()).isEqualTo(LinkState.CONNECTED);

            try (var pubA = publisher(first); var pubB = publisher(second)) {
                pubA.telemetry("plug-a1");
                Waits.until(() -> seen.contains("plug-a1"));

                Future<Boolean> switched = background.submit(() -> link.switchTo(ConsoleConnection.of(profileB, "console-test")));
                assertThat(switched.get(30, TimeUnit.SECONDS)).isTrue();
                IngestPipeline onB = link.pipeline();
                assertThat(onB).isNotSameAs(onA);
                assertThat(onA.state()).isEqualTo(LinkState.DISCONNECTED);
                assertThat(onB.state()).isEqualTo(LinkState.CONNECTED);
                assertThat(link.connection().name()).isEqualTo("Plant B");
                assertThat(switchedTo).containsExactly("Plant A — 127.0.0.1:" + first.port(),
                        "Plant B — 127.0.0.1:" + second.port());

                pubB.telemetry("plug-b1");
                pubA.telemetry("plug-a2"); // the first broker has no EdgeDeck subscriber any more
                Waits.until(() -> seen.contains("plug-b1"));
                Thread.sleep(1_000);
                assertThat(seen).containsExactlyInAnyOrder("plug-a1", "plug-b1");
                assertThat(store.devices().find("plug-b1")).isPresent();
                assertThat(store.devices().find("plug-a2")).isEmpty();
                assertThat(link.feed().stats().readings()).isEqualTo(1); // the new pipeline's counters
            }
            assertThat(states).contains(LinkState.CONNECTED, LinkState.DISCONNECTED);
            assertThat(failures).isEmpty();
            link.close();
            assertThat(link.feed().stats().state()).isEqualTo(LinkState.DISCONNECTED);
            background.shutdownNow();
        }
    }

    @Test
    void aSwitchWhileTheFirstBrokerIsStillUnreachableWins() throws Exception {
        int deadPort;
        try (var s = new java.net.ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        try (EmbeddedBroker second = EmbeddedBroker.start(0);
             LocalStore store = LocalStore.open(dir.resolve("fleet2"));
             ConsoleCommandLink commands = new ConsoleCommandLink()) {
            List<String> failures = new CopyOnWriteArrayList<>();
            FleetLink link = new FleetLink(store, commands, s -> null, new FleetLink.Events() {
                @Override
                public void switched(ConsoleConnection c, String description) {
                }

                @Override
                public void failed(String header, String message, boolean retrying) {
                    failures.add(header + ": " + message + (retrying ? " (retrying)" : ""));
                }
            }, Duration.ofSeconds(2));
            link.firstRetryAfter(Duration.ofMillis(300));
            ExecutorService background = Executors.newCachedThreadPool();
            Future<Boolean> stuck = background.submit(() ->
                    link.switchTo(ConsoleConnection.of(ConnectionProfile.plain("Down", "127.0.0.1", deadPort), "c")));
            Waits.until(() -> !failures.isEmpty());
            assertThat(failures.getFirst()).startsWith("Cannot connect to the broker: ").contains("127.0.0.1")
                    .endsWith("(retrying)");
            assertThat(link.switchTo(ConsoleConnection.of(ConnectionProfile.plain("Up", "127.0.0.1", second.port()), "c")))
                    .isTrue();
            assertThat(stuck.get(20, TimeUnit.SECONDS)).isFalse();
            assertThat(link.connection().name()).isEqualTo("Up");
            assertThat(link.pipeline().state()).isEqualTo(LinkState.CONNECTED);
            link.close();
            background.shutdownNow();
        }
    }

    interface Publisher extends AutoCloseable {
        void telemetry(String device);

        @Override
        void close();
    }

    static Publisher publisher(EmbeddedBroker broker) {
        Mqtt5BlockingClient c = Mqtt5Client.builder().identifier("test-pub-" + broker.port())
                .serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();
        c.connect();
        return new Publisher() {
            @Override
            public void telemetry(String device) {
                c.publishWith().topic("smartplug/" + device + "/telemetry").qos(MqttQos.AT_LEAST_ONCE)
                        .payload("{\"voltage\": 230.4, \"current\": 0.52, \"power\": 119.6, \"relay_state\": \"on\"}"
                                .getBytes(StandardCharsets.UTF_8)).send();
            }

            @Override
            public void close() {
                c.disconnect();
            }
        };
    }
}
