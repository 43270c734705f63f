package io.edgedeck.app.console;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.edgedeck.app.Settings;
import io.edgedeck.app.SettingsStore;
import io.edgedeck.db.LocalStore;
import io.edgedeck.link.broker.EmbeddedBroker;
import io.edgedeck.link.command.RelayCommand;
import io.edgedeck.link.command.SignedCommand;
import io.edgedeck.link.mqtt.LinkState;
import io.edgedeck.services.links.ConnectionPhase;
import io.edgedeck.services.links.ConnectionSnapshot;
import io.edgedeck.services.links.DeviceOrigins;
import io.edgedeck.services.links.DeviceOriginsFile;
import io.edgedeck.services.links.RememberedOrigins;
import io.edgedeck.services.profiles.ConnectionProfile;
import io.edgedeck.services.profiles.KeyVaults;
import io.edgedeck.services.profiles.ProfileStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.edgedeck.app.console.FleetLinkSwitchTest.publisher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several connections at once against two real embedded brokers and a real H2 file: both feed the one store, a
 * device's relay command goes out through the broker it was heard on, disconnecting one leaves the other, and the
 * set connected as well comes back from settings.json and profiles.json after a restart.
 */
class FleetLinksTest {
    @TempDir
    Path dir;

    private final List<String> failures = new CopyOnWriteArrayList<>();
    /** "up NAME" / "down NAME" as the topic explorer hears them. */
    private final List<String> ups = new CopyOnWriteArrayList<>();

    private FleetLinks links(LocalStore store) {
        return links(store, new DeviceOrigins());
    }

    private FleetLinks links(LocalStore store, DeviceOrigins origins) {
        return new FleetLinks(store, origins, s -> {
            throw new AssertionError("no demo fleet in this test");
        }, new FleetLinks.Events() {
            @Override
            public void switched(ConsoleConnection c, String description) {
            }

            @Override
            public void failed(String header, String message, boolean retrying) {
                failures.add(header + ": " + message);
            }

            @Override
            public void otherFailed(String connection, String header, String message, boolean retrying) {
                failures.add(connection + ": " + header + ": " + message);
            }

            @Override
            public void linkUp(ConsoleConnection connection, io.edgedeck.link.mqtt.BrokerSettings actual,
                               io.edgedeck.link.codec.TopicMapping mapping) {
                ups.add("up " + connection.name());
            }

            @Override
            public void linkDown(ConsoleConnection connection) {
                ups.add("down " + connection.name());
            }
        }, Duration.ofSeconds(5));
    }

    @Test
    void twoBrokersAtOnceEachWithItsOwnCommandsAndState() throws Exception {
        try (EmbeddedBroker brokerA = EmbeddedBroker.start(0);
             EmbeddedBroker brokerB = EmbeddedBroker.start(0);
             LocalStore store = LocalStore.open(dir.resolve("fleet"));
             FleetLinks links = links(store)) {
            Set<String> seen = ConcurrentHashMap.newKeySet();
            links.feed().addListener((batch, result) -> batch.readings().forEach(r -> seen.add(r.deviceId())));

            assertThat(links.switchPrimary(ConsoleConnection.of(ConnectionProfile.plain("Plant A", "127.0.0.1", brokerA.port()), "console-a"))).isTrue();
            assertThat(links.connectAlso(ConsoleConnection.of(ConnectionProfile.plain("Plant B", "127.0.0.1", brokerB.port()), "console-b"), () -> { })).isTrue();
            assertThat(links.connectAlso(ConsoleConnection.of(ConnectionProfile.plain("plant b", "127.0.0.1", brokerB.port()), "x"), () -> { }))
                    .as("a name that is up already").isFalse();

            try (var pubA = publisher(brokerA); var pubB = publisher(brokerB);
                 var controlA = controlWatcher(brokerA); var controlB = controlWatcher(brokerB)) {
                pubA.telemetry("plug-a1");
                pubB.telemetry("plug-b1");
                Waits.until(() -> seen.containsAll(Set.of("plug-a1", "plug-b1")));
                assertThat(store.devices().find("plug-a1")).isPresent();
                assertThat(store.devices().find("plug-b1")).isPresent();
                Waits.until(() -> links.origins().connectionOf("plug-b1").isPresent());
                assertThat(links.origins().connectionOf("plug-a1")).contains("Plant A");
                assertThat(links.origins().connectionOf("plug-b1")).contains("Plant B");

                List<ConnectionSnapshot> snapshots = links.connections();
                assertThat(snapshots).extracting(ConnectionSnapshot::name).containsExactly("Plant A", "Plant B");
                assertThat(snapshots).allSatisfy(c -> {
                    assertThat(c.phase()).isEqualTo(ConnectionPhase.CONNECTED);
                    assertThat(c.messages()).isEqualTo(1);
                    assertThat(c.lastMessage()).isPresent();
                });
                assertThat(snapshots.get(1).address()).isEqualTo("127.0.0.1:" + brokerB.port());
                assertThat(links.log("Plant B")).extracting(e -> e.to()).contains(LinkState.CONNECTED);
                assertThat(links.log("Plant B").getLast().cause()).contains("connected to 127.0.0.1:" + brokerB.port());
                assertThat(links.feed().stats().readings()).isEqualTo(2);

                links.commands().publish(command("plug-b1"), Duration.ofMillis(300));
                Waits.until(() -> controlB.topics().contains("smartplug/plug-b1/control"));
                links.commands().publish(command("plug-a1"), Duration.ofMillis(300));
                Waits.until(() -> controlA.topics().contains("smartplug/plug-a1/control"));
                assertThat(controlA.topics()).doesNotContain("smartplug/plug-b1/control");
                assertThat(controlB.topics()).doesNotContain("smartplug/plug-a1/control");

                assertThat(ups).as("the topic explorer hears of every connection").contains("up Plant A", "up Plant B");

                // "Map to device" reconnects the topic's own connection in its place (here the one added as well)
                var remapped = ConsoleConnection.of(ConnectionProfile.plain("Plant B", "127.0.0.1", brokerB.port()), "console-b");
                assertThat(links.reconnect(remapped)).isTrue();
                assertThat(links.connection("Plant B")).containsSame(remapped);
                assertThat(links.connections()).extracting(ConnectionSnapshot::name).containsExactly("Plant A", "Plant B");
                assertThat(ups).contains("down Plant B");
                pubB.telemetry("plug-b3");
                Waits.until(() -> seen.contains("plug-b3"));

                assertThat(links.disconnect("Plant B")).isTrue();
                assertThat(links.connections()).extracting(ConnectionSnapshot::name).containsExactly("Plant A");
                pubB.telemetry("plug-b2");
                pubA.telemetry("plug-a2");
                Waits.until(() -> seen.contains("plug-a2"));
                assertThat(links.pipeline("Plant A").state()).isEqualTo(LinkState.CONNECTED);
                assertThat(seen).doesNotContain("plug-b2");
                var refused = links.commands().publish(command("plug-b1"), Duration.ofMillis(300));
                assertThat(refused).isCompletedExceptionally();
                assertThat(refused.exceptionNow().getMessage()).contains("'Plant B', which is not connected");
            }
            assertThat(failures).isEmpty();
        }
    }

    @Test
    void aBrokerThatIsDownFailsWithItsCauseAndKeepsTryingUntilDisconnected() throws Exception {
        int deadPort;
        try (var socket = new java.net.ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        try (EmbeddedBroker brokerA = EmbeddedBroker.start(0);
             LocalStore store = LocalStore.open(dir.resolve("fleet3"));
             FleetLinks links = links(store)) {
            links.firstRetryAfter(Duration.ofMillis(300));
            links.switchPrimary(ConsoleConnection.of(ConnectionProfile.plain("Plant A", "127.0.0.1", brokerA.port()), "c"));
            var background = java.util.concurrent.Executors.newSingleThreadExecutor();
            var lab = background.submit(() -> links.connectAlso(
                    ConsoleConnection.of(ConnectionProfile.plain("Lab", "127.0.0.1", deadPort), "c"), () -> { }));
            Waits.until(() -> !failures.isEmpty());
            assertThat(failures.getFirst()).startsWith("Lab: Cannot connect to the broker: ").contains("127.0.0.1:" + deadPort);
            ConnectionSnapshot down = links.connections().get(1);
            assertThat(down.phase()).isEqualTo(ConnectionPhase.FAILED);
            assertThat(down.lastCause()).contains("127.0.0.1:" + deadPort);
            assertThat(links.connections().getFirst().phase()).isEqualTo(ConnectionPhase.CONNECTED);

            assertThat(links.disconnect("Lab")).isTrue();
            assertThat(lab.get(20, java.util.concurrent.TimeUnit.SECONDS)).as("the retry loop ended").isFalse();
            assertThat(links.connections()).extracting(ConnectionSnapshot::name).containsExactly("Plant A");
            background.shutdownNow();
        }
    }

    @Test
    void theProfilesConnectedAsWellComeBackAfterARestart() throws Exception {
        try (EmbeddedBroker brokerA = EmbeddedBroker.start(0);
             EmbeddedBroker brokerB = EmbeddedBroker.start(0);
             LocalStore store = LocalStore.open(dir.resolve("fleet2"))) {
            var profiles = new ProfileStore(dir, KeyVaults.fileOnly(dir));
            profiles.put(ConnectionProfile.plain("Plant A", "127.0.0.1", brokerA.port()), null);
            profiles.put(ConnectionProfile.plain("Plant B", "127.0.0.1", brokerB.port()), null);
            var settingsFile = new SettingsStore(dir.resolve("settings.json"));

            try (FleetLinks first = links(store)) { // the console before the restart
                first.switchPrimary(ConsoleConnection.of(profiles.find("Plant A").orElseThrow(), "c1"));
                first.connectAlso(ConsoleConnection.of(profiles.find("Plant B").orElseThrow(), "c1"), () -> { });
                settingsFile.save(Settings.embeddedDefault().withProfile("Plant A").withAlsoConnected(first.alsoConnected()));
            }

            Settings reloaded = settingsFile.load();
            assertThat(reloaded.alsoConnectedOrNone()).containsExactly("Plant B");
            var remembered = RememberedConnections.of(reloaded.withAlsoConnected(List.of("Plant B", "Gone")), profiles, "c2");
            assertThat(remembered.problems()).singleElement().asString().contains("'Gone'");
            try (FleetLinks second = links(store)) {
                second.switchPrimary(ConsoleConnection.of(profiles.find(reloaded.profile()).orElseThrow(), "c2"));
                for (ConsoleConnection c : remembered.connections()) assertThat(second.add(c)).isTrue();
                assertThat(second.bringUp("Plant B")).isTrue();
                assertThat(second.connections()).extracting(ConnectionSnapshot::name, ConnectionSnapshot::phase)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("Plant A", ConnectionPhase.CONNECTED),
                                org.assertj.core.groups.Tuple.tuple("Plant B", ConnectionPhase.CONNECTED));
            }
        }
    }

    /**
     * The console restarts (new origins, keeper and links on the same EDGEDECK_HOME): a plug heard on the second broker
     * is switched through that broker before it is heard again; a plug of a profile renamed meanwhile shows "was NAME"
     * and is refused in words, until it is heard again.
     */
    @Test
    void aDevicesBrokerIsRememberedAcrossARestart() throws Exception {
        var home = new io.edgedeck.app.AppPaths(dir.resolve("config"), dir.resolve("data"), dir.resolve("logs"));
        var originsFile = new DeviceOriginsFile(home.deviceOriginsFile());
        try (EmbeddedBroker brokerA = EmbeddedBroker.start(0);
             EmbeddedBroker brokerB = EmbeddedBroker.start(0);
             LocalStore store = LocalStore.open(home.defaultDatabase())) {
            var profiles = new ProfileStore(home.configDir(), KeyVaults.fileOnly(home.configDir()));
            profiles.put(ConnectionProfile.plain("Plant A", "127.0.0.1", brokerA.port()), null);
            profiles.put(ConnectionProfile.plain("Plant B", "127.0.0.1", brokerB.port()), null);

            var before = new DeviceOrigins();
            try (var remembered = RememberedOrigins.start(originsFile, before, Duration.ofMillis(100));
                 FleetLinks first = links(store, before);
                 var pubA = publisher(brokerA); var pubB = publisher(brokerB)) {
                first.switchPrimary(ConsoleConnection.of(profiles.find("Plant A").orElseThrow(), "c1"));
                first.connectAlso(ConsoleConnection.of(profiles.find("Plant B").orElseThrow(), "c1"), () -> { });
                pubA.telemetry("plug-a1");
                pubB.telemetry("plug-b1");
                Waits.until(() -> before.connectionOf("plug-a1").isPresent() && before.connectionOf("plug-b1").isPresent());
            }
            assertThat(java.nio.file.Files.readString(home.deviceOriginsFile()))
                    .contains("\"plug-b1\" : \"Plant B\"").contains("\"plug-a1\" : \"Plant A\"");
            // while the console is closed, "Plant A" is renamed
            profiles.put(ConnectionProfile.plain("Plant A (north)", "127.0.0.1", brokerA.port()), "Plant A");

            var after = new DeviceOrigins();
            try (var remembered = RememberedOrigins.start(originsFile, after, Duration.ofMillis(100));
                 FleetLinks second = links(store, after);
                 var controlA = controlWatcher(brokerA); var controlB = controlWatcher(brokerB)) {
                after.existingConnections(profiles.names()); // as the console does before its window shows
                assertThat(after.origin("plug-b1")).contains(new DeviceOrigins.Origin("Plant B", false));
                assertThat(after.origin("plug-a1").orElseThrow().label()).isEqualTo("was Plant A");

                second.switchPrimary(ConsoleConnection.of(profiles.find("Plant A (north)").orElseThrow(), "c2"));
                assertThat(second.connectAlso(ConsoleConnection.of(profiles.find("Plant B").orElseThrow(), "c2"), () -> { })).isTrue();

                second.commands().publish(command("plug-b1"), Duration.ofMillis(300));
                Waits.until(() -> controlB.topics().contains("smartplug/plug-b1/control"));
                var refused = second.commands().publish(command("plug-a1"), Duration.ofMillis(300));
                assertThat(refused).isCompletedExceptionally();
                assertThat(refused.exceptionNow().getMessage())
                        .contains("plug-a1 was heard on the connection 'Plant A', which no longer exists");
                assertThat(controlA.topics()).as("not sent into a broker that was never told of it").isEmpty();
                assertThat(controlB.topics()).containsExactly("smartplug/plug-b1/control");

                try (var pubA = publisher(brokerA)) {
                    pubA.telemetry("plug-a1"); // heard again, on the renamed profile
                    Waits.until(() -> after.origin("plug-a1").orElseThrow().connection().equals("Plant A (north)"));
                }
                assertThat(after.origin("plug-a1").orElseThrow().gone()).isFalse();
                second.commands().publish(command("plug-a1"), Duration.ofMillis(300));
                Waits.until(() -> controlA.topics().contains("smartplug/plug-a1/control"));
            }
            assertThat(originsFile.load().origins()).containsEntry("plug-a1", "Plant A (north)")
                    .containsEntry("plug-b1", "Plant B");
            assertThat(failures).isEmpty();
        }
    }

    private static SignedCommand command(String device) {
        Instant now = Instant.now();
        return new SignedCommand("a.b.c", device, RelayCommand.RELAY_OFF, "nonce-" + device, "kid", now, now.plusSeconds(300));
    }

    interface ControlWatcher extends AutoCloseable {
        Set<String> topics();

        @Override
        void close();
    }

    /** A plain subscriber to every plug's control topic on one broker. */
    private static ControlWatcher controlWatcher(EmbeddedBroker broker) {
        Mqtt5BlockingClient c = Mqtt5Client.builder().identifier("watch-" + broker.port())
                .serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();
        c.connect();
        Set<String> topics = ConcurrentHashMap.newKeySet();
        c.toAsync().subscribeWith().topicFilter("smartplug/+/control").qos(MqttQos.AT_LEAST_ONCE)
                .callback(p -> topics.add(p.getTopic().toString())).send().join();
        return new ControlWatcher() {
            @Override
            public Set<String> topics() {
                return topics;
            }

            @Override
            public void close() {
                c.disconnect();
            }
        };
    }
}
