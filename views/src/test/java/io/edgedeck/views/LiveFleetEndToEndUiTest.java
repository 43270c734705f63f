package io.edgedeck.views;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import eu.hansolo.tilesfx.Tile;
import io.edgedeck.db.LocalStore;
import io.edgedeck.db.Metric;
import io.edgedeck.link.broker.EmbeddedBroker;
import io.edgedeck.link.codec.TopicMapping;
import io.edgedeck.link.mqtt.BrokerSettings;
import io.edgedeck.link.mqtt.IngestPipeline;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TabPane;
import javafx.scene.layout.Pane;
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
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole spine with nothing stood in for: embedded broker → real ingest pipeline → H2 file → the window.
 * A plug's telemetry becomes a tile with its value; a malformed payload is counted in the quarantine tab.
 */
@ExtendWith(ApplicationExtension.class)
class LiveFleetEndToEndUiTest {
    @TempDir
    static Path dir;

    EmbeddedBroker broker;
    LocalStore store;
    IngestPipeline pipeline;
    ExecutorService background;
    MainWindow window;

    @Start
    void start(Stage stage) {
        broker = EmbeddedBroker.start(0);
        store = LocalStore.open(dir.resolve("e2e"));
        pipeline = new IngestPipeline(BrokerSettings.of(broker.uri(), "e2e-console").withCleanStart(true),
                TopicMapping.defaults(), store.writer());
        background = Executors.newFixedThreadPool(2);
        window = new MainWindow(store, pipeline, new ConsoleInfo("built-in broker", false, store.location()), background);
        stage.setScene(new Scene(window.root(), 1366, 768));
        stage.show();
        pipeline.start(Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(window::close).get();
        pipeline.close();
        background.shutdownNow();
        store.close();
        broker.close();
    }

    private Optional<Tile> tile(FxRobot robot, String id) {
        Pane grid = robot.lookup("#dashboard-tiles").queryAs(Pane.class);
        for (Node n : grid.getChildren()) {
            for (Node c : ((Pane) n).getChildren()) {
                if (c instanceof Tile t && id.equals(t.getTitle())) {
                    return Optional.of(t);
                }
            }
        }
        return Optional.empty();
    }

    @Test
    void publishedTelemetryReachesTheDatabaseAndATileAndBadPayloadsTheQuarantine(FxRobot robot) throws Exception {
        Mqtt5BlockingClient publisher = MqttClient.builder().useMqttVersion5().identifier("e2e-plug")
                .serverHost(broker.uri().getHost()).serverPort(broker.port()).buildBlocking();
        publisher.connect();
        publisher.publishWith().topic("smartplug/e2e-plug/telemetry").qos(MqttQos.AT_LEAST_ONCE)
                .payload("{\"voltage\": 230.4, \"current\": 0.52, \"power\": 119.6, \"relay_state\": \"on\"}"
                        .getBytes(StandardCharsets.UTF_8)).send();
        publisher.publishWith().topic("smartplug/e2e-plug/telemetry").qos(MqttQos.AT_LEAST_ONCE)
                .payload("{\"power\": \"lots\"}".getBytes(StandardCharsets.UTF_8)).send();
        publisher.disconnect();

        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(
                () -> tile(robot, "e2e-plug").map(t -> t.getValue() == 119.6).orElse(false)).get());
        assertThat(tile(robot, "e2e-plug").orElseThrow().getDescription()).isEqualTo("230.4 V · 0.52 A");

        assertThat(store.readings().latest("e2e-plug", Metric.POWER)).get()
                .satisfies(r -> assertThat(r.value(Metric.POWER)).isEqualTo(119.6));
        assertThat(store.quarantine().recent(5)).singleElement()
                .satisfies(q -> assertThat(q.reason()).contains("power"));
        TabPane tabs = robot.lookup("#main-tabs").queryAs(TabPane.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(
                () -> tabs.getTabs().stream().anyMatch(t -> "Quarantine (1)".equals(t.getText()))).get());
    }
}
