package io.edgedeck.views;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.edgedeck.db.LocalStore;
import io.edgedeck.link.broker.EmbeddedBroker;
import io.edgedeck.link.codec.TopicMapping;
import io.edgedeck.link.mqtt.BrokerSettings;
import io.edgedeck.link.mqtt.ConnectionEvent;
import io.edgedeck.link.mqtt.IngestPipeline;
import io.edgedeck.link.mqtt.LinkException;
import io.edgedeck.link.mqtt.LinkWarning;
import io.edgedeck.services.links.ConnectionPhase;
import io.edgedeck.services.links.ConnectionSnapshot;
import io.edgedeck.services.links.DeviceOrigins;
import io.edgedeck.services.links.LiveConnections;
import io.edgedeck.views.connections.LogRow;
import io.edgedeck.views.events.EventLog;
import io.edgedeck.views.events.LoggedEvent;
import io.edgedeck.views.fleet.DeviceModel;
import io.edgedeck.views.flash.FlashBackend;
import io.edgedeck.views.relay.RelayNotice;
import io.edgedeck.views.testing.Fx;
import io.edgedeck.views.theme.AppearanceViewModel;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The window with three real connections — two embedded brokers and one address where nothing listens: a chip per
 * connection in the status bar with its state and cause, the connection log behind a chip, and a drop warning
 * (a hole provoked in a device's series) as a notification, an event-log warning and an icon in Devices.
 */
@ExtendWith(ApplicationExtension.class)
class SeveralConnectionsUiTest {
    static EmbeddedBroker brokerA;
    static EmbeddedBroker brokerB;

    LocalStore store;
    ExecutorService background;
    MainWindow window;
    EventLog events;
    Stage stage;
    final Map<String, IngestPipeline> pipelines = new LinkedHashMap<>();
    final DeviceOrigins origins = new DeviceOrigins();

    @BeforeAll
    static void brokers() {
        brokerA = EmbeddedBroker.start(0);
        brokerB = EmbeddedBroker.start(0);
    }

    @AfterAll
    static void stopBrokers() {
        brokerA.close();
        brokerB.close();
    }

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        store = LocalStore.inMemory();
        // "attic" was heard on "Old lab" before the restart; that profile has been deleted since
        store.writer().commit(io.edgedeck.db.IngestBatch.of(List.of(new io.edgedeck.db.Reading("attic",
                io.edgedeck.db.DeviceKind.SENSOR, System.currentTimeMillis(), Map.of(io.edgedeck.db.Metric.TEMPERATURE, 18.0)))));
        origins.restore(Map.of("attic", "Old lab"));
        origins.existingConnections(List.of("Plant A", "Plant B", "Lab"));
        background = Executors.newFixedThreadPool(2);
        pipelines.put("Plant A", pipeline(brokerA.port(), "ui-a"));
        pipelines.put("Plant B", pipeline(brokerB.port(), "ui-b"));
        pipelines.put("Lab", pipeline(deadPort(), "ui-lab"));
        for (var e : pipelines.entrySet()) {
            e.getValue().addListener(origins.listenerFor(e.getKey()));
            try {
                e.getValue().start(Duration.ofSeconds(5));
            } catch (LinkException refused) {
                // the Lab broker is down: its chip shows "failed" with this cause
            }
        }
        events = new EventLog(Platform::runLater, Clock.systemUTC());
        window = new MainWindow(store, pipelines.get("Plant B"), new ConsoleInfo("Plant A — 127.0.0.1", false,
                store.location()), background, FlashBackend.system(), null, AppearanceViewModel.fixedDark(), events);
        window.setConnections(new Pipelines(), origins);
        stage.setScene(new Scene(window.root(), 1366, 768));
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            window.close();
            Window.getWindows().stream().filter(w -> w != stage).toList().forEach(Window::hide);
        }).get();
        pipelines.values().forEach(IngestPipeline::close);
        background.shutdownNow();
        background.awaitTermination(5, TimeUnit.SECONDS);
        store.close();
    }

    @Test
    void aChipPerConnectionAndItsLogWithCauses(FxRobot robot) throws Exception {
        Fx.waitUntil(10, () -> robot.lookup("#status-chip-2").tryQuery().isPresent());
        Hyperlink a = robot.lookup("#status-chip-0").queryAs(Hyperlink.class);
        Hyperlink b = robot.lookup("#status-chip-1").queryAs(Hyperlink.class);
        Hyperlink lab = robot.lookup("#status-chip-2").queryAs(Hyperlink.class);
        assertThat(a.getText()).isEqualTo("Plant A");
        assertThat(b.getText()).isEqualTo("Plant B");
        assertThat(b.getStyleClass()).contains("chip-connected");
        assertThat(b.getTooltip().getText()).contains("127.0.0.1:" + brokerB.port()).contains("connected");
        assertThat(lab.getStyleClass()).contains("chip-failed");
        assertThat(lab.getTooltip().getText()).contains("Cause: ").contains("127.0.0.1");
        assertThat(robot.lookup("#status-connection").queryAs(Label.class).isVisible())
                .as("the single connection label gives way to the chips").isFalse();

        robot.clickOn("#status-chip-1");
        Fx.waitUntil(5, () -> robot.lookup("#connection-log").tryQuery().isPresent());
        @SuppressWarnings("unchecked")
        TableView<LogRow> log = robot.lookup("#connection-log").queryAs(TableView.class);
        Fx.waitUntil(5, () -> !log.getItems().isEmpty());
        assertThat(log.getItems().getFirst().change()).isEqualTo("connecting → connected");
        assertThat(log.getItems().getFirst().cause()).contains("connected to 127.0.0.1:" + brokerB.port());
        assertThat(log.getItems().getLast().cause()).startsWith("connecting to");

        String dir = System.getProperty("edgedeck.screenshots");
        if (dir != null) { // -Dedgedeck.screenshots=DIR: the connections window as a picture
            WaitForAsyncUtils.waitForFxEvents();
            var scene = log.getScene();
            var image = WaitForAsyncUtils.asyncFx(() -> io.edgedeck.views.common.PngSnapshot.take(scene)).get();
            io.edgedeck.views.common.PngSnapshot.write(image, Path.of(dir, "edgedeck-connections.png"));
        }

        robot.clickOn("#status-chip-2");
        Fx.waitUntil(5, () -> !log.getItems().isEmpty() && log.getItems().getFirst().change().endsWith("→ disconnected"));
        assertThat(log.getItems().getFirst().cause()).contains("127.0.0.1");
        @SuppressWarnings("unchecked")
        TableView<ConnectionSnapshot> list = robot.lookup("#connections-list").queryAs(TableView.class);
        assertThat(list.getItems()).extracting(ConnectionSnapshot::phase)
                .containsExactly(ConnectionPhase.CONNECTED, ConnectionPhase.CONNECTED, ConnectionPhase.FAILED);
    }

    @Test
    void aHoleInADeviceSeriesIsToldOnceWithAnIconInDevices(FxRobot robot) throws Exception {
        long base = System.currentTimeMillis() / 1000 - 600;
        try (var pub = publisher(brokerB.port())) {
            for (int i = 0; i < 6; i++) pub.sensor("cellar", base + i * 10L); // every 10 s
            pub.sensor("cellar", base + 50 + 300); // then 5 minutes of nothing: the broker dropped them
        }
        Fx.waitUntil(15, () -> window.notices().stream().anyMatch(n -> n.title().contains("Plant B")));
        RelayNotice notice = window.notices().stream().filter(n -> n.title().contains("Plant B")).findFirst().orElseThrow();
        assertThat(notice.level()).isEqualTo(RelayNotice.Level.WARNING);
        assertThat(notice.title()).isEqualTo("Readings dropped by the broker (Plant B)");
        assertThat(notice.text()).contains("cellar").contains("Broker settings the guarantee depends on");
        Fx.waitUntil(5, () -> events.events().stream().anyMatch(e -> e.source().equals("Broker")
                && e.severity() == LoggedEvent.Severity.WARNING && e.details().contains("cellar")));

        window.screenProperty().set(Screen.DEVICES);
        Fx.waitUntil(10, () -> window.dashboardDevices().stream().anyMatch(d -> d.id().equals("cellar")
                && !d.dropWarningProperty().get().isEmpty() && d.brokerProperty().get().equals("Plant B")));
        Fx.waitUntil(5, () -> robot.lookup("#devices-table .drop-warning").tryQuery().isPresent());
        assertThat(robot.lookup("#devices-table .drop-warning").queryLabeled().getText()).isEqualTo("⚠");

        Thread.sleep(2_500); // a few more ticks: the same incident is not told again
        assertThat(window.notices().stream().filter(n -> n.title().contains("Plant B"))).hasSize(1);
    }

    @Test
    void aRememberedConnectionThatNoLongerExistsShowsAsWasWithWhy(FxRobot robot) throws Exception {
        window.screenProperty().set(Screen.DEVICES);
        Fx.waitUntil(10, () -> window.dashboardDevices().stream().anyMatch(d -> d.id().equals("attic")
                && d.brokerProperty().get().equals("was Old lab")));
        Fx.waitUntil(5, () -> robot.lookup("#devices-table .table-cell").queryAll().stream()
                .anyMatch(c -> "was Old lab".equals(((Labeled) c).getText())));
        var cell = (Labeled) robot.lookup("#devices-table .table-cell").queryAll().stream()
                .filter(c -> "was Old lab".equals(((Labeled) c).getText())).findFirst().orElseThrow();
        assertThat(cell.getTooltip()).isNotNull();
        assertThat(cell.getTooltip().getText()).contains("'Old lab', which no longer exists").contains("heard again");
    }

    private IngestPipeline pipeline(int port, String clientId) {
        return new IngestPipeline(BrokerSettings.of(URI.create("tcp://127.0.0.1:" + port), clientId),
                TopicMapping.defaults(), store.writer());
    }

    private static int deadPort() throws Exception {
        try (var s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The three pipelines as the console's connections. */
    private final class Pipelines implements LiveConnections {
        @Override
        public List<ConnectionSnapshot> connections() {
            var out = new ArrayList<ConnectionSnapshot>();
            pipelines.forEach((name, p) -> {
                var s = p.stats();
                var log = p.connectionLog();
                out.add(new ConnectionSnapshot(name, p.settings().host() + ":" + p.settings().port(),
                        name.equals("Plant A"), ConnectionPhase.of(s.state(), log, false),
                        log.isEmpty() ? "" : log.getLast().cause(), s.messages(),
                        s.lastCommitMillis() == 0 ? Optional.empty() : Optional.of(java.time.Instant.ofEpochMilli(s.lastCommitMillis())),
                        s.dropWarnings()));
            });
            return out;
        }

        @Override
        public List<ConnectionEvent> log(String name) {
            return pipelines.get(name).connectionLog();
        }

        @Override
        public List<LinkWarning> dropWarnings(String name) {
            return pipelines.get(name).dropWarnings();
        }
    }

    interface Publisher extends AutoCloseable {
        void sensor(String device, long epochSeconds);

        @Override
        void close();
    }

    private static Publisher publisher(int port) {
        Mqtt5BlockingClient c = Mqtt5Client.builder().identifier("ui-pub-" + port)
                .serverHost("127.0.0.1").serverPort(port).buildBlocking();
        c.connect();
        return new Publisher() {
            @Override
            public void sensor(String device, long epochSeconds) {
                c.publishWith().topic("sensors/" + device + "/telemetry").qos(MqttQos.AT_LEAST_ONCE)
                        .payload(("{\"ts\": " + epochSeconds + ", \"temperature\": 12.5, \"humidity\": 70}")
                                .getBytes(StandardCharsets.UTF_8)).send();
            }

            @Override
            public void close() {
                c.disconnect();
            }
        };
    }
}
