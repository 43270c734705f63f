package io.edgedeck.services.topics;

import io.edgedeck.link.codec.TopicMapping;
import io.edgedeck.link.mqtt.TappedMessage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The queue between the topic tree and a view that applies a bounded number of changes at a time. */
class TopicUpdatesTest {
    private static final long T0 = 1_764_000_000_000L;
    private final long[] clock = {T0};
    private final TopicTree tree = new TopicTree(() -> clock[0]);
    private final TopicUpdates updates = new TopicUpdates(tree);

    private void send(String source, String topic, String payload) {
        byte[] b = payload.getBytes(StandardCharsets.UTF_8);
        tree.record(source, new TappedMessage(topic, b, b.length, false, 0, clock[0]));
    }

    @Test
    void parentsComeBeforeChildrenAcrossTakesAndAWaitingNodeKeepsItsPlaceWithItsNewestValues() {
        tree.attach("Lab", TopicMapping.defaults());
        for (int i = 0; i < 30; i++) send("Lab", "site/s" + i + "/data", "1");
        updates.refresh();
        assertThat(updates.pending()).isEqualTo(62); // the connection, "site", 30 branches and 30 topics

        Set<String> given = new HashSet<>();
        List<TopicSnapshot> all = new ArrayList<>();
        var first = updates.take(7);
        assertThat(first.changed()).hasSize(7);
        assertThat(first.left()).isEqualTo(55);
        assertThat(first.topics()).isEqualTo(30);
        all.addAll(first.changed());
        send("Lab", "site/s29/data", "2"); // s29 waits; it changes again
        updates.refresh();
        assertThat(updates.pending()).isEqualTo(57); // s29 and its topic once; the root and "site" were handed out: again
        while (updates.pending() > 0) all.addAll(updates.take(7).changed());
        for (TopicSnapshot s : all) {
            if (s.parentKey() != null && !given.contains(s.key())) assertThat(given).contains(s.parentKey());
            given.add(s.key());
        }
        assertThat(all.stream().filter(s -> s.path().equals("site/s29/data")))
                .singleElement().satisfies(s -> assertThat(s.messages()).isEqualTo(2));
    }

    @Test
    void unchangedNodesAreNotQueuedAgainAndARemovedConnectionsWaitingChangesGo() {
        tree.attach("Lab", TopicMapping.defaults());
        tree.attach("Plant", TopicMapping.defaults());
        send("Lab", "a/b", "1");
        send("Plant", "c/d", "1");
        updates.refresh();
        assertThat(updates.take(100).changed()).hasSize(6);
        updates.refresh(); // same second, nothing new
        assertThat(updates.pending()).isZero();

        send("Plant", "c/d", "2");
        send("Lab", "a/b", "2");
        tree.removeSource("Plant");
        updates.refresh();
        var batch = updates.take(100);
        assertThat(batch.removedSources()).containsExactly("Plant");
        assertThat(batch.changed()).extracting(TopicSnapshot::source).containsOnly("Lab");
        assertThat(batch.topics()).isEqualTo(1);
    }

    @Test
    void theWatchedTopicsDetailComesWithTheRefreshThatChangedIt() {
        tree.attach("Lab", TopicMapping.defaults());
        send("Lab", "a/b", "first");
        updates.watch("Lab", "a/b");
        updates.refresh();
        assertThat(updates.take(10).watchedDetail()).get()
                .satisfies(d -> assertThat(new String(d.payload(), StandardCharsets.UTF_8)).isEqualTo("first"));
        updates.refresh();
        assertThat(updates.take(10).watchedDetail()).isEmpty(); // unchanged
        updates.watch(null, null);
        send("Lab", "a/b", "second");
        updates.refresh();
        assertThat(updates.take(10).watchedDetail()).isEmpty();
    }
}
