package io.edgedeck.app.console;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import io.edgedeck.link.broker.EmbeddedBroker;
import io.edgedeck.link.codec.TopicMapping;
import io.edgedeck.link.mqtt.BrokerSettings;
import io.edgedeck.services.topics.TopicTree;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's "Show broker $SYS topics" against a broker that drops a client asking for {@code $SYS/#} (as AWS IoT
 * Core does): the connection gets a note, the explorer's topics keep coming, and no problem pops up.
 */
class ExplorerTapsSysTest {
    @Test
    void aRefusedSysSubscriptionIsANoteForItsConnectionAndTopicsKeepComing() throws Exception {
        ExecutorService background = Executors.newCachedThreadPool();
        try (EmbeddedBroker broker = EmbeddedBroker.startRefusing(0, "$SYS", EmbeddedBroker.Refusal.DISCONNECT)) {
            TopicTree tree = new TopicTree();
            List<String> problems = new CopyOnWriteArrayList<>();
            Map<String, String> notes = new ConcurrentHashMap<>();
            try (ExplorerTaps taps = new ExplorerTaps(tree, background, Duration.ofSeconds(5),
                    (h, m) -> problems.add(h + ": " + m), notes::put)) {
                taps.up("Plant", BrokerSettings.of(broker.uri(), "console-sys"), TopicMapping.defaults());
                var publisher = MqttClient.builder().useMqttVersion5().identifier("sys-app-publisher")
                        .serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();
                publisher.connect();
                try {
                    Waits.until(() -> {
                        publisher.publishWith().topic("plant/meter-1/data").qos(MqttQos.AT_LEAST_ONCE)
                                .payload("{\"watts\": 1}".getBytes(StandardCharsets.UTF_8)).send();
                        return tree.snapshot("Plant", "plant/meter-1/data").isPresent();
                    });
                    taps.showSys(true);
                    Waits.until(() -> notes.getOrDefault("Plant", "").contains("closed the connection"));
                    publisher.publishWith().topic("plant/meter-2/data").qos(MqttQos.AT_LEAST_ONCE)
                            .payload("{\"watts\": 2}".getBytes(StandardCharsets.UTF_8)).send();
                    Waits.until(() -> tree.snapshot("Plant", "plant/meter-2/data").isPresent());
                    assertThat(problems).isEmpty();

                    taps.showSys(false);
                    assertThat(notes.get("Plant")).isEmpty(); // off: nothing to say
                } finally {
                    publisher.disconnect();
                }
            }
        } finally {
            background.shutdownNow();
        }
    }
}
