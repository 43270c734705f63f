package io.edgedeck.views;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.edgedeck.db.LocalStore;
import io.edgedeck.db.Metric;
import io.edgedeck.link.broker.EmbeddedBroker;
import io.edgedeck.link.codec.TopicMapping;
import io.edgedeck.link.mqtt.BrokerSettings;
import io.edgedeck.link.mqtt.IngestListener;
import io.edgedeck.link.mqtt.IngestPipeline;
import io.edgedeck.link.mqtt.IngestStats;
import io.edgedeck.link.mqtt.LinkState;
import io.edgedeck.link.mqtt.LiveFeed;
import io.edgedeck.link.mqtt.TopicTap;
import io.edgedeck.services.topics.TopicMappingFile;
import io.edgedeck.views.fleet.DeviceModel;
import io.edgedeck.views.testing.Fx;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TreeTableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The topic explorer with real parts: embedded broker → topic tap → Topics tab; a topic no rule knows is mapped with
 * the dialog, the rule lands in the mapping file, the connection is brought up again with it and the device's
 * readings reach the window.
 */
@ExtendWith(ApplicationExtension.class)
class TopicExplorerUiTest {
    private static final String CONNECTION = "Workshop broker";

    @TempDir
    static Path dir;

    EmbeddedBroker broker;
    LocalStore store;
    ExecutorService background;
    MainWindow window;
    final SwitchingFeed feed = new SwitchingFeed();
    final List<AutoCloseable> links = new CopyOnWriteArrayList<>();
    Mqtt5BlockingClient publisher;
    Path mappingFile;

    /** The window's feed, following whichever pipeline is current (as the console's does). */
    static final class SwitchingFeed implements LiveFeed {
        final List<IngestListener> listeners = new CopyOnWriteArrayList<>();
        volatile IngestPipeline current;

        void attach(IngestPipeline p) {
            current = p;
            p.addListener((batch, result) -> {
                if (current == p) listeners.forEach(l -> l.committed(batch, result));
            });
        }

        @Override
        public void addListener(IngestListener l) {
            listeners.add(l);
        }

        @Override
        public void addStateListener(Consumer<LinkState> l) {
        }

        @Override
        public IngestStats stats() {
            return current == null ? new IngestStats(0, 0, 0, 0, 0, LinkState.DISCONNECTED) : current.stats();
        }
    }

    @Start
    void start(Stage stage) {
        broker = EmbeddedBroker.start(0);
        store = LocalStore.open(dir.resolve("explorer"));
        mappingFile = dir.resolve("config/topic-mapping.json");
        background = Executors.newFixedThreadPool(2);
        window = new MainWindow(store, feed, new ConsoleInfo(CONNECTION, false, store.location()), background);
        window.setTopicMapper((connection, rule) -> CompletableFuture.supplyAsync(() -> {
            TopicMappingFile.addRule(mappingFile, rule);
            connect(TopicMapping.loadWithDefaults(mappingFile));
            return "Saved to " + mappingFile;
        }, background));
        stage.setScene(new Scene(window.root(), 1366, 768));
        stage.show();
        connect(TopicMapping.defaults());
        publisher = MqttClient.builder().useMqttVersion5().identifier("explorer-publisher")
                .serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();
        publisher.connect();
    }

    /** Closes the current pipeline and tap and starts new ones with this mapping, like the console's switch. */
    private synchronized void connect(TopicMapping mapping) {
        for (AutoCloseable c : links) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing anyway
            }
        }
        links.clear();
        BrokerSettings settings = BrokerSettings.of(broker.uri(), "explorer-console").withCleanStart(true);
        var pipeline = new IngestPipeline(settings, mapping, store.writer());
        var tap = new TopicTap(settings);
        window.topicTree().addSource(CONNECTION, tap, mapping);
        feed.attach(pipeline);
        pipeline.start(Duration.ofSeconds(10));
        tap.start(Duration.ofSeconds(10));
        links.add(tap);
        links.add(pipeline);
    }

    @AfterEach
    void stop() throws Exception {
        publisher.disconnect();
        WaitForAsyncUtils.asyncFx(window::close).get();
        for (AutoCloseable c : links) c.close();
        background.shutdownNow();
        store.close();
        broker.close();
    }

    private void publish(String topic, String payload) {
        publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload.getBytes(StandardCharsets.UTF_8)).send();
    }

    private static String tabText(FxRobot robot, Screen s) {
        return robot.lookup("#main-tabs").queryAs(TabPane.class).getTabs().stream()
                .filter(t -> t.getUserData() == s).findFirst().orElseThrow().getText();
    }

    @Test
    void showsTheTreeAPrettyPayloadAndMapsAnUnknownTopicToADevice(FxRobot robot) throws Exception {
        publish("smartplug/kitchen/telemetry", "{\"voltage\": 230.4, \"power\": 119.6}");
        publish("workshop/meter-7/data", "{\"watts\":412.5,\"volts\":229.8,\"amps\":1.79}");

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.T).release(KeyCode.T, KeyCode.SHIFT, KeyCode.CONTROL);
        Fx.waitUntil(15, () -> window.topicsViewModel().row(CONNECTION, "workshop/meter-7/data").isPresent()
                && window.topicsViewModel().row(CONNECTION, "smartplug/kitchen/telemetry").isPresent());
        assertThat(window.screenProperty().get()).isEqualTo(Screen.TOPICS);
        Fx.waitUntil(5, () -> tabText(robot, Screen.TOPICS).equals("Topics (1 unknown)"));

        TreeTableView<?> table = robot.lookup("#topics-table").queryAs(TreeTableView.class);
        var connectionRow = WaitForAsyncUtils.asyncFx(() -> table.getRoot().getChildren().getFirst().getValue()).get();
        assertThat(connectionRow.toString()).isEqualTo(CONNECTION);
        assertThat(window.topicsViewModel().row(CONNECTION, "workshop").orElseThrow().unknownBelowProperty().get()).isEqualTo(1);
        assertThat(robot.lookup("#topics-summary").queryAs(Label.class).getText()).startsWith("2 topics · 1 unknown topic");

        WaitForAsyncUtils.asyncFx(() -> window.topicsView().select(CONNECTION, "workshop/meter-7/data")).get();
        // the detail is read in the background
        Fx.waitUntil(5, () -> !robot.lookup("#topics-detail-payload").queryAs(TextArea.class).getText().isEmpty());
        assertThat(robot.lookup("#topics-detail-payload").queryAs(TextArea.class).getText())
                .isEqualTo("{\n  \"watts\" : 412.5,\n  \"volts\" : 229.8,\n  \"amps\" : 1.79\n}");
        assertThat(robot.lookup("#topics-detail-status").queryAs(Label.class).getText()).startsWith("Unknown");
        assertThat(robot.lookup("#topics-detail-meta").queryAs(Label.class).getText()).contains("JSON").contains("QoS 0");

        robot.clickOn("#topics-table");
        robot.press(KeyCode.CONTROL, KeyCode.M).release(KeyCode.M, KeyCode.CONTROL);
        Fx.waitUntil(5, () -> robot.lookup("#map-preview").tryQuery().isPresent());
        assertThat(robot.lookup("#map-preview").queryAs(Label.class).getText())
                .isEqualTo("meter-7 (plug): voltage 229.8 V, current 1.79 A, power 412.5 W");
        @SuppressWarnings("unchecked")
        ComboBox<String> amps = robot.lookup("#map-field-amps").queryAs(ComboBox.class);
        WaitForAsyncUtils.asyncFx(() -> amps.setValue("— not stored")).get();
        assertThat(robot.lookup("#map-preview").queryAs(Label.class).getText())
                .isEqualTo("meter-7 (plug): voltage 229.8 V, power 412.5 W");
        robot.clickOn(robot.lookup("#map-create").queryAs(Button.class));

        Fx.waitUntil(20, () -> robot.lookup("#map-preview").tryQuery().isEmpty());
        assertThat(TopicMapping.load(mappingFile).rules()).singleElement()
                .satisfies(r -> assertThat(r.topic()).isEqualTo("workshop/{device_id}/data"));
        Fx.waitUntil(10, () -> tabText(robot, Screen.TOPICS).equals("Topics"));
        assertThat(window.topicsViewModel().row(CONNECTION, "workshop/meter-7/data").orElseThrow().statusProperty().get())
                .hasToString("UNDERSTOOD");

        publish("workshop/meter-7/data", "{\"watts\":398.0,\"volts\":230.1,\"amps\":1.73}");
        Fx.waitUntil(15, () -> window.dashboardDevices().stream().map(DeviceModel::id).anyMatch("meter-7"::equals));
        assertThat(store.readings().latest("meter-7", Metric.POWER)).get()
                .satisfies(r -> assertThat(r.value(Metric.POWER)).isEqualTo(398.0));
        assertThat(store.readings().latest("meter-7", Metric.CURRENT)).isEmpty(); // "amps" was set to not stored

        // "Show broker $SYS topics": a tooltip that warns, the switch the app listens to, and the note it sends back
        var sys = robot.lookup("#topics-show-sys").queryAs(javafx.scene.control.CheckBox.class);
        assertThat(sys.getTooltip().getText()).contains("$SYS/#").contains("AWS IoT Core");
        assertThat(robot.lookup("#topics-sys-note").queryAs(Label.class).isVisible()).isFalse();
        robot.clickOn(sys);
        assertThat(window.topicsShowSysProperty().get()).isTrue();
        WaitForAsyncUtils.asyncFx(() -> window.setTopicsSysNote(CONNECTION, "The broker refused $SYS/# (not authorized)")).get();
        WaitForAsyncUtils.waitForFxEvents();
        Label note = robot.lookup("#topics-sys-note").queryAs(Label.class);
        assertThat(note.isVisible()).isTrue();
        assertThat(note.getText()).isEqualTo("The broker refused $SYS/# (not authorized)");
    }
}
