package io.edgedeck.services.topics;

import io.edgedeck.db.DeviceKind;
import io.edgedeck.db.Metric;
import io.edgedeck.link.codec.MappingRule;
import io.edgedeck.link.codec.TopicMapping;
import io.edgedeck.link.mqtt.TappedMessage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The explorer's tree without a window or a broker: counts, rates, branches, understood and unknown topics. */
class TopicTreeTest {
    private static final long T0 = 1_764_000_000_000L;
    private final AtomicLong now = new AtomicLong(T0);
    private final TopicTree tree = new TopicTree(now::get);

    private void send(String source, String topic, String payload) {
        byte[] b = payload.getBytes(StandardCharsets.UTF_8);
        tree.record(source, new TappedMessage(topic, b, b.length, false, 0, now.get()));
    }

    private Map<String, TopicSnapshot> byKey(TopicTree.Changes c) {
        return c.changed().stream().collect(Collectors.toMap(TopicSnapshot::key, Function.identity(), (a, b) -> b));
    }

    @Test
    void countsAndNewestTimeAddUpPerBranchAndRootsAreConnections() {
        tree.attach("Shop floor", TopicMapping.defaults());
        tree.attach("Lab", TopicMapping.defaults());
        send("Shop floor", "smartplug/p1/telemetry", "{\"power\": 12.5}");
        now.addAndGet(300);
        send("Shop floor", "smartplug/p2/telemetry", "{\"power\": 3}");
        send("Shop floor", "smartplug/p2/telemetry", "{\"power\": 4}");
        send("Lab", "garden/pond/temperature", "14.2");

        assertThat(tree.sources()).containsExactly("Shop floor", "Lab");
        var smartplug = tree.snapshot("Shop floor", "smartplug").orElseThrow();
        assertThat(smartplug.messages()).isEqualTo(3);
        assertThat(smartplug.topicsBelow()).isEqualTo(2);
        assertThat(smartplug.lastMillis()).isEqualTo(T0 + 300);
        assertThat(smartplug.status()).isEqualTo(TopicStatus.NONE); // a branch has no messages of its own
        assertThat(tree.snapshot("Shop floor", "").orElseThrow().messages()).isEqualTo(3);
        assertThat(tree.snapshot("Shop floor", "").orElseThrow().name()).isEqualTo("Shop floor");
        assertThat(tree.snapshot("Lab", "").orElseThrow().messages()).isEqualTo(1);
        assertThat(tree.snapshot("Shop floor", "smartplug/p2/telemetry").orElseThrow().messages()).isEqualTo(2);
        assertThat(tree.topicCount()).isEqualTo(3);

        var detail = tree.detail("Shop floor", "smartplug/p2/telemetry").orElseThrow();
        assertThat(new String(detail.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"power\": 4}");
        assertThat(detail.ownMessages()).isEqualTo(2);
    }

    @Test
    void drainGivesParentsBeforeChildrenAndOnlyWhatChanged() {
        tree.attach("c", TopicMapping.defaults());
        send("c", "a/b/c", "1");
        var first = tree.drain().changed().stream().map(TopicSnapshot::path).toList();
        assertThat(first).containsExactly("", "a", "a/b", "a/b/c");
        assertThat(tree.drain().changed()).isEmpty(); // same second, nothing new
        send("c", "a/x", "1");
        assertThat(tree.drain().changed().stream().map(TopicSnapshot::path).toList()).containsExactly("", "a", "a/x");
    }

    @Test
    void rateIsTheMeanOfTheLastWholeSecondsPerBranchAndFallsWhenQuiet() {
        tree.attach("c", TopicMapping.defaults());
        // 10 messages a second on p1, 2 on p2, for 6 seconds
        for (int s = 0; s < 6; s++) {
            for (int i = 0; i < 10; i++) send("c", "smartplug/p1/telemetry", "{\"power\": 1}");
            for (int i = 0; i < 2; i++) send("c", "smartplug/p2/telemetry", "{\"power\": 1}");
            now.addAndGet(1_000);
        }
        assertThat(tree.snapshot("c", "smartplug/p1/telemetry").orElseThrow().rate()).isEqualTo(10.0);
        assertThat(tree.snapshot("c", "smartplug/p2/telemetry").orElseThrow().rate()).isEqualTo(2.0);
        assertThat(tree.snapshot("c", "smartplug").orElseThrow().rate()).isEqualTo(12.0);
        tree.drain();

        now.addAndGet(2_000); // two quiet seconds: 3 of the 5 seconds still had messages
        var rates = byKey(tree.drain());
        assertThat(rates.get(TopicTree.key("c", "smartplug")).rate()).isEqualTo(12.0 * 3 / 5);
        now.addAndGet(10_000);
        var quiet = byKey(tree.drain());
        assertThat(quiet.get(TopicTree.key("c", "smartplug")).rate()).isZero(); // the last refresh says 0
        now.addAndGet(1_000);
        assertThat(tree.drain().changed()).isEmpty(); // and then it is no longer refreshed
    }

    @Test
    void unknownAndUndecodableTopicsAreCountedPerBranchAndUnderstoodOnesAreNot() {
        tree.attach("c", TopicMapping.defaults());
        send("c", "smartplug/p1/telemetry", "{\"power\": 12.5}");
        send("c", "tele/tasmota_5C1A2B/SENSOR", "{\"ENERGY\":{\"Power\":45,\"Voltage\":230}}");
        send("c", "workshop/meter-7/data", "{\"watts\": 412.5}");
        send("c", "garden/pond/temperature", "14.2");
        send("c", "smartplug/p3/telemetry", "not json");
        send("c", "$SYS/broker/uptime", "123");

        assertThat(tree.snapshot("c", "smartplug/p1/telemetry").orElseThrow().status()).isEqualTo(TopicStatus.UNDERSTOOD);
        assertThat(tree.snapshot("c", "tele/tasmota_5C1A2B/SENSOR").orElseThrow().status()).isEqualTo(TopicStatus.UNDERSTOOD);
        assertThat(tree.snapshot("c", "workshop/meter-7/data").orElseThrow().status()).isEqualTo(TopicStatus.UNKNOWN);
        assertThat(tree.snapshot("c", "smartplug/p3/telemetry").orElseThrow().status()).isEqualTo(TopicStatus.NOT_DECODED);
        assertThat(tree.detail("c", "smartplug/p3/telemetry").orElseThrow().statusDetail()).contains("JSON");
        assertThat(tree.snapshot("c", "$SYS/broker/uptime").orElseThrow().status()).isEqualTo(TopicStatus.SYSTEM);
        assertThat(tree.detail("c", "smartplug/p1/telemetry").orElseThrow().statusDetail()).isEqualTo("1 reading of p1");

        assertThat(tree.unknownTopicCount()).isEqualTo(3);
        assertThat(tree.snapshot("c", "").orElseThrow().unknownBelow()).isEqualTo(3);
        assertThat(tree.snapshot("c", "smartplug").orElseThrow().unknownBelow()).isEqualTo(1);
        assertThat(tree.snapshot("c", "tele").orElseThrow().unknownBelow()).isZero();
    }

    @Test
    void aNewMappingMakesAnUnknownTopicUnderstoodAndKeepsTheTopics() {
        tree.attach("c", TopicMapping.defaults());
        send("c", "workshop/meter-7/data", "{\"watts\": 412.5}");
        assertThat(tree.unknownTopicCount()).isEqualTo(1);
        tree.drain();

        var rule = new MappingRule("workshop/{device_id}/data", DeviceKind.PLUG,
                io.edgedeck.link.codec.PayloadFormat.JSON, null, null, Map.of("watts", Metric.POWER.key()), Map.of());
        tree.attach("c", TopicMapping.defaults().withRules(List.of(rule)));

        assertThat(tree.unknownTopicCount()).isZero();
        var changed = byKey(tree.drain());
        assertThat(changed.get(TopicTree.key("c", "workshop/meter-7/data")).status()).isEqualTo(TopicStatus.UNDERSTOOD);
        assertThat(changed.get(TopicTree.key("c", "")).unknownBelow()).isZero();
        assertThat(tree.snapshot("c", "workshop/meter-7/data").orElseThrow().messages()).isEqualTo(1);
    }

    @Test
    void aDetachedOrRemovedConnectionNoLongerCounts() {
        tree.attach("old", TopicMapping.defaults());
        send("old", "x/y", "1");
        tree.removeSource("old");
        var c = tree.drain();
        assertThat(c.removedSources()).containsExactly("old");
        assertThat(c.topics()).isZero();
        assertThat(c.unknownTopics()).isZero();
        send("old", "x/y", "1");
        assertThat(tree.topicCount()).isZero();
    }
}
