package io.edgedeck.views.topics;

import io.edgedeck.link.codec.TopicMapping;
import io.edgedeck.link.mqtt.TappedMessage;
import io.edgedeck.services.topics.TopicTree;
import io.edgedeck.views.common.Tasks;
import javafx.scene.control.TreeItem;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Topics screen's logic without a window: the tree items, filter, only unknown, title and detail. */
class TopicsViewModelTest {
    private static final long T0 = 1_764_000_000_000L;
    private final TopicTree tree = new TopicTree(() -> T0);
    private final TopicsViewModel vm = new TopicsViewModel(tree, Tasks.direct(), Clock.fixed(Instant.ofEpochMilli(T0), ZoneOffset.UTC));

    private void send(String topic, String payload) {
        byte[] b = payload.getBytes(StandardCharsets.UTF_8);
        tree.record("Lab", new TappedMessage(topic, b, b.length, true, 0, T0));
    }

    private static List<String> names(TreeItem<TopicRow> item) {
        return item.getChildren().stream().map(i -> i.getValue().name()).toList();
    }

    @Test
    void rowsAreSortedFilteredAndTheTitleCountsUnknownTopics() {
        tree.attach("Lab", TopicMapping.defaults());
        send("smartplug/p2/telemetry", "{\"power\": 1}");
        send("smartplug/P1/telemetry", "{\"power\": 1}");
        send("workshop/meter-7/data", "{\"watts\": 1}");
        vm.onPulse();

        TreeItem<TopicRow> lab = vm.root().getChildren().getFirst();
        assertThat(lab.getValue().name()).isEqualTo("Lab");
        assertThat(names(lab)).containsExactly("smartplug", "workshop");
        assertThat(names(lab.getChildren().getFirst())).containsExactly("P1", "p2");
        assertThat(vm.titleProperty().get()).isEqualTo("Topics (1 unknown)");
        assertThat(vm.summaryProperty().get()).startsWith("3 topics · 1 unknown topic · ");

        vm.onlyUnknownProperty().set(true);
        assertThat(names(lab)).containsExactly("workshop");
        vm.onlyUnknownProperty().set(false);
        vm.filterProperty().set("p2");
        assertThat(names(lab)).containsExactly("smartplug");
        assertThat(names(lab.getChildren().getFirst())).containsExactly("p2");
        vm.filterProperty().set("");
        assertThat(names(lab)).containsExactly("smartplug", "workshop");
    }

    @Test
    void theSelectedTopicShowsItsPrettyPayloadAndCanBeMapped() {
        tree.attach("Lab", TopicMapping.defaults());
        send("workshop/meter-7/data", "{\"watts\":1}");
        vm.onPulse();
        assertThat(vm.detailStatusProperty().get()).isEqualTo("Select a topic to see its last message.");
        vm.selectedProperty().set(vm.row("Lab", "workshop/meter-7/data").orElseThrow());
        assertThat(vm.detailPayloadProperty().get()).isEqualTo("{\n  \"watts\" : 1\n}");
        assertThat(vm.detailMetaProperty().get()).contains("JSON · 11 bytes · QoS 0 · retained").contains("1 message · ");
        assertThat(vm.canMapProperty().get()).isTrue();
        assertThat(vm.mapSelected()).get().satisfies(m -> assertThat(m.patternProperty().get()).isEqualTo("workshop/{device_id}/data"));

        vm.selectedProperty().set(vm.row("Lab", "workshop").orElseThrow());
        assertThat(vm.canMapProperty().get()).isFalse(); // a branch has no message to map
        assertThat(vm.detailStatusProperty().get()).isEqualTo("1 topic below, 1 unknown");
    }

    @Test
    void theSelectedRowsDetailIsReadInTheBackgroundAndAStaleReadIsDropped() {
        List<Runnable> background = new java.util.ArrayList<>(); // run by the test, in the order it chooses
        var queued = new TopicsViewModel(tree, new Tasks(background::add, Runnable::run),
                Clock.fixed(Instant.ofEpochMilli(T0), ZoneOffset.UTC));
        tree.attach("Lab", TopicMapping.defaults());
        send("workshop/meter-7/data", "{\"watts\":7}");
        send("workshop/meter-8/data", "{\"watts\":8}");
        queued.onPulse();
        runAll(background); // the tree's refresh
        queued.onPulse();
        runAll(background); // and the next one, so that only the reads below are queued

        queued.selectedProperty().set(queued.row("Lab", "workshop/meter-7/data").orElseThrow());
        assertThat(queued.detailTopicProperty().get()).isEqualTo("workshop/meter-7/data");
        assertThat(queued.detailPayloadProperty().get()).isEmpty(); // not read on this (the FX) thread
        assertThat(queued.canMapProperty().get()).isFalse();
        Runnable readMeter7 = background.removeFirst();

        queued.selectedProperty().set(queued.row("Lab", "workshop/meter-8/data").orElseThrow());
        background.removeFirst().run(); // meter-8's read arrives first
        assertThat(queued.detailPayloadProperty().get()).isEqualTo("{\n  \"watts\" : 8\n}");
        assertThat(queued.canMapProperty().get()).isTrue();

        readMeter7.run(); // late, for a row no longer selected: dropped
        assertThat(queued.detailTopicProperty().get()).isEqualTo("workshop/meter-8/data");
        assertThat(queued.detailPayloadProperty().get()).isEqualTo("{\n  \"watts\" : 8\n}");
        assertThat(queued.selectedDetail()).get().satisfies(d -> assertThat(d.topic()).isEqualTo("workshop/meter-8/data"));
        assertThat(background).isEmpty();
    }

    private static void runAll(List<Runnable> queue) {
        while (!queue.isEmpty()) queue.removeFirst().run();
    }

    @Test
    void aPulseAppliesAtMostItsCapAndEveryTopicArrivesWithItsLatestValues() {
        var capped = new TopicsViewModel(tree, Tasks.direct(), Clock.fixed(Instant.ofEpochMilli(T0), ZoneOffset.UTC), 50);
        tree.attach("Lab", TopicMapping.defaults());
        for (int i = 0; i < 1_000; i++) send("smartplug/p" + i + "/telemetry", "{\"power\": 1}");
        send("workshop/meter-7/data", "{\"watts\": 1}");
        capped.onPulse();
        assertThat(capped.lastPulseRows()).isEqualTo(50);
        assertThat(capped.rowsWaiting()).isPositive();
        capped.selectedProperty().set(capped.row("Lab", "smartplug").orElseThrow());
        TreeItem<TopicRow> selectedItem = capped.item(capped.selectedProperty().get()).orElseThrow();

        send("smartplug/p999/telemetry", "{\"power\": 2}"); // a second message while its row waits
        int pulses = 1;
        while (capped.rowsWaiting() > 0 || capped.lastPulseRows() > 0) {
            capped.onPulse();
            assertThat(capped.lastPulseRows()).isLessThanOrEqualTo(50);
            assertThat(++pulses).isLessThan(100);
        }
        // 1,004 nodes (connection, smartplug, workshop, meter-7 and the topics) at 50 a pulse
        assertThat(pulses).isGreaterThanOrEqualTo(1_004 / 50);
        for (int i = 0; i < 1_000; i++) assertThat(capped.row("Lab", "smartplug/p" + i + "/telemetry")).isPresent();
        assertThat(capped.row("Lab", "smartplug/p999/telemetry").orElseThrow().messagesProperty().get()).isEqualTo(2);
        assertThat(capped.row("Lab", "smartplug").orElseThrow().messagesProperty().get()).isEqualTo(1_001);
        TreeItem<TopicRow> lab = capped.root().getChildren().getFirst();
        assertThat(lab.getChildren().getFirst().getChildren()).hasSize(1_000);
        assertThat(capped.titleProperty().get()).isEqualTo("Topics (1 unknown)");
        assertThat(capped.item(capped.selectedProperty().get())).containsSame(selectedItem); // the selection stays

        capped.onlyUnknownProperty().set(true);
        assertThat(names(lab)).containsExactly("workshop");
        capped.onPulse(); // nothing changed: nothing applied
        assertThat(capped.lastPulseRows()).isZero();
    }

    @Test
    void brokerStatisticsShowOnlyWhenAskedForAndARefusalIsANote() {
        tree.attach("Lab", TopicMapping.defaults());
        send("$SYS/broker/uptime", "42 seconds");
        send("smartplug/p1/telemetry", "{\"power\": 1}");
        vm.onPulse();
        TreeItem<TopicRow> lab = vm.root().getChildren().getFirst();
        assertThat(names(lab)).containsExactly("smartplug"); // seen, not shown
        assertThat(vm.row("Lab", "$SYS/broker/uptime")).isPresent();

        vm.showSysProperty().set(true);
        assertThat(names(lab)).containsExactly("$SYS", "smartplug");
        assertThat(vm.titleProperty().get()).isEqualTo("Topics"); // statistics are not unknown topics
        vm.filterProperty().set("uptime");
        assertThat(names(lab)).containsExactly("$SYS");
        vm.showSysProperty().set(false);
        assertThat(names(lab)).isEmpty();
        vm.filterProperty().set("");

        assertThat(vm.sysNoteProperty().get()).isEmpty();
        vm.setSysNote("Lab", "The broker refused $SYS/# (not authorized)");
        assertThat(vm.sysNoteProperty().get()).isEqualTo("The broker refused $SYS/# (not authorized)");
        vm.setSysNote("Plant", "The broker closed the connection");
        assertThat(vm.sysNoteProperty().get()).isEqualTo("Lab: The broker refused $SYS/# (not authorized)\n"
                + "Plant: The broker closed the connection");
        vm.setSysNote("Lab", "");
        vm.setSysNote("Plant", null);
        assertThat(vm.sysNoteProperty().get()).isEmpty();
    }
}
