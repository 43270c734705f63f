package io.edgedeck.app.console;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.edgedeck.db.DeviceKind;
import io.edgedeck.db.LocalStore;
import io.edgedeck.db.Metric;
import io.edgedeck.link.broker.EmbeddedBroker;
import io.edgedeck.link.codec.MappingRule;
import io.edgedeck.link.codec.TopicMapping;
import io.edgedeck.link.mqtt.BrokerSettings;
import io.edgedeck.services.profiles.ConnectionProfile;
import io.edgedeck.services.profiles.KeyVaults;
import io.edgedeck.services.profiles.ProfileStore;
import io.edgedeck.services.topics.MappingProposal;
import io.edgedeck.services.topics.TopicStatus;
import io.edgedeck.services.topics.TopicTree;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's explorer wiring without a window: FleetLink brings a tap up with each connection, an unknown topic
 * shows in the tree, the rule made for it goes into the profile's mapping file, and switching the connection to itself
 * applies it — the topic is understood and the device's readings arrive.
 */
class TopicMappingSwitchTest {
    @TempDir
    Path dir;

    @Test
    void aRuleForAnUnknownTopicIsSavedInTheProfileAndApplied() throws Exception {
        ExecutorService background = Executors.newCachedThreadPool();
        try (EmbeddedBroker broker = EmbeddedBroker.start(0);
             LocalStore store = LocalStore.open(dir.resolve("fleet"));
             ConsoleCommandLink commands = new ConsoleCommandLink()) {
            TopicTree tree = new TopicTree();
            List<String> problems = new CopyOnWriteArrayList<>();
            ExplorerTaps taps = new ExplorerTaps(tree, background, Duration.ofSeconds(5), (h, m) -> problems.add(h + ": " + m));
            Set<String> devices = ConcurrentHashMap.newKeySet();
            FleetLink link = new FleetLink(store, commands, s -> {
                throw new AssertionError("no demo fleet here");
            }, new FleetLink.Events() {
                @Override
                public void switched(ConsoleConnection c, String description) {
                }

                @Override
                public void failed(String header, String message, boolean retrying) {
                    problems.add(header + ": " + message);
                }

                @Override
                public void linkUp(ConsoleConnection c, BrokerSettings actual, TopicMapping mapping) {
                    taps.up(c.name(), actual, mapping);
                }

                @Override
                public void linkDown(ConsoleConnection c) {
                    taps.down(c.name());
                }
            }, Duration.ofSeconds(5));
            link.feed().addListener((batch, result) -> batch.readings().forEach(r -> devices.add(r.deviceId())));

            Path configDir = dir.resolve("config");
            ProfileStore profiles = new ProfileStore(configDir, KeyVaults.fileOnly(configDir));
            profiles.put(ConnectionProfile.plain("Workshop", "127.0.0.1", broker.port()), null);
            ConsoleConnection workshop = ConsoleConnection.of(profiles.find("Workshop").orElseThrow(), "console-test");
            assertThat(link.switchTo(workshop)).isTrue();

            try (var pub = new Publisher(broker)) {
                Waits.until(() -> {
                    pub.send("workshop/meter-7/data", "{\"watts\": 412.5, \"volts\": 229.8}");
                    return tree.snapshot("Workshop", "workshop/meter-7/data").isPresent();
                });
                assertThat(tree.snapshot("Workshop", "workshop/meter-7/data").orElseThrow().status()).isEqualTo(TopicStatus.UNKNOWN);
                assertThat(tree.unknownTopicCount()).isEqualTo(1);

                MappingRule rule = MappingProposal.guess("workshop/meter-7/data",
                        "{\"watts\": 412.5, \"volts\": 229.8}".getBytes(StandardCharsets.UTF_8)).toRule();
                var mappings = new ConnectionMappings(profiles, configDir, f -> {
                    throw new AssertionError("a profile keeps its own mapping file");
                });
                ConsoleConnection next = mappings.addRule(link.connection(), rule);
                assertThat(next.mapping()).isEqualTo(configDir.resolve("mapping-workshop.json"));
                assertThat(profiles.find("Workshop").orElseThrow().mappingFile()).isEqualTo(next.mapping());
                assertThat(TopicMapping.load(next.mapping()).rules()).containsExactly(rule);

                assertThat(link.switchTo(next)).isTrue();
                Waits.until(() -> {
                    pub.send("workshop/meter-7/data", "{\"watts\": 398.0, \"volts\": 230.1}");
                    return devices.contains("meter-7")
                            && tree.snapshot("Workshop", "workshop/meter-7/data").orElseThrow().status() == TopicStatus.UNDERSTOOD;
                });
                assertThat(tree.unknownTopicCount()).isZero();
                assertThat(tree.sources()).containsExactly("Workshop");
                assertThat(store.readings().latest("meter-7", Metric.POWER)).isPresent();
                assertThat(store.devices().all()).anySatisfy(d -> {
                    assertThat(d.id()).isEqualTo("meter-7");
                    assertThat(d.kind()).isEqualTo(DeviceKind.PLUG);
                });
            } finally {
                link.close();
                taps.close();
            }
            assertThat(problems).isEmpty();
        } finally {
            background.shutdownNow();
        }
    }

    @Test
    void aConnectionWithoutAProfileRemembersItsNewFileInTheSettings() {
        Path configDir = dir.resolve("config");
        ProfileStore profiles = new ProfileStore(configDir, KeyVaults.fileOnly(configDir));
        List<Path> remembered = new CopyOnWriteArrayList<>();
        var mappings = new ConnectionMappings(profiles, configDir, remembered::add);
        MappingRule rule = MappingProposal.guess("garden/pond/temperature", "14.2".getBytes(StandardCharsets.UTF_8)).toRule();

        ConsoleConnection next = mappings.addRule(ConsoleConnection.demo("console-test", null), rule);

        assertThat(next.mapping()).isEqualTo(configDir.resolve(ConnectionMappings.DEFAULT_FILE));
        assertThat(remembered).containsExactly(next.mapping());
        assertThat(next.demo()).isTrue();
        assertThat(next.topicMapping().rules().getFirst()).isEqualTo(rule); // before the built-in rules
        assertThat(ConnectionMappings.slug("Shop floor 2 (east)")).isEqualTo("shop-floor-2-east");
    }

    private static final class Publisher implements AutoCloseable {
        final Mqtt5BlockingClient client;

        Publisher(EmbeddedBroker broker) {
            client = Mqtt5Client.builder().identifier("meter-7").serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();
            client.connect();
        }

        void send(String topic, String payload) {
            client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload.getBytes(StandardCharsets.UTF_8)).send();
        }

        @Override
        public void close() {
            client.disconnect();
        }
    }
}
