package io.edgedeck.views;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import io.edgedeck.db.LocalStore;
import io.edgedeck.db.Role;
import io.edgedeck.link.broker.EmbeddedBroker;
import io.edgedeck.link.sim.SimulationConfig;
import io.edgedeck.views.testing.Fx;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
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
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 7: each main view opens with real content from a demo fleet — a real broker, simulated plugs and sensors,
 * the ingest pipeline, an H2 file and the operator services, signed in as the Admin. Every tab is opened through the
 * tab pane and must show what a user would look for there.
 */
@ExtendWith(ApplicationExtension.class)
class EveryScreenWithTheDemoFleetUiTest {
    @TempDir
    static Path dir;

    DemoFleetConsole console;
    EmbeddedBroker broker;
    LocalStore store;
    MainWindow window;

    @Start
    void start(Stage stage) {
        console = DemoFleetConsole.open(dir).operator("ana", Role.TECHNICIAN)
                .start(stage, new SimulationConfig(6, 2, 1.0, 5), "every-screen");
        broker = console.broker();
        store = console.store();
        window = console.window();
    }

    @AfterEach
    void stop() throws Exception {
        console.close();
    }

    private static <T> T onFx(Callable<T> what) {
        try {
            return WaitForAsyncUtils.asyncFx(what).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void open(FxRobot robot, String tabId) throws Exception {
        TabPane tabs = robot.lookup("#main-tabs").queryAs(TabPane.class);
        Tab tab = tabs.getTabs().stream().filter(t -> tabId.equals(t.getId())).findFirst().orElseThrow(
                () -> new AssertionError("no tab " + tabId + " in " + tabs.getTabs().stream().map(Tab::getId).toList()));
        onFx(() -> {
            tabs.getSelectionModel().select(tab);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static int rows(FxRobot robot, String tableId) {
        TableView<?> table = robot.lookup(tableId).queryAs(TableView.class);
        return onFx(() -> table.getItems().size());
    }

    @Test
    void everyTabShowsTheFleet(FxRobot robot) throws Exception {
        open(robot, "tab-dashboard");
        Pane tiles = robot.lookup("#dashboard-tiles").queryAs(Pane.class);
        Fx.waitUntil(20, () -> onFx(() -> tiles.getChildren().size()) == 8);

        open(robot, "tab-history");
        Label summary = robot.lookup("#history-summary").queryAs(Label.class);
        Fx.waitUntil(20, () -> onFx(summary::getText).matches(".*\\b[1-9][\\d,]* points.*"));
        assertThat(onFx(summary::getText)).startsWith("sim-");

        open(robot, "tab-devices");
        Fx.waitUntil(10, () -> rows(robot, "#devices-table") == 8);

        var publisher = MqttClient.builder().useMqttVersion5().identifier("garbage-publisher")
                .serverHost(broker.uri().getHost()).serverPort(broker.port()).buildBlocking();
        publisher.connect();
        publisher.publishWith().topic("smartplug/sim-plug-01/telemetry").qos(MqttQos.AT_LEAST_ONCE)
                .payload("{\"power\": \"lots\"}".getBytes(StandardCharsets.UTF_8)).send();
        publisher.disconnect();
        open(robot, "tab-quarantine");
        robot.clickOn("#quarantine-refresh");
        Fx.waitUntil(10, () -> rows(robot, "#quarantine-table") == 1);

        open(robot, "tab-flash");
        assertThat(robot.lookup("#flash-port").tryQuery()).as("the port picker").isPresent();
        assertThat(robot.lookup("#flash-preset-app-only").tryQuery())
                .as("the layout presets").isPresent();
        Button start = robot.lookup("#flash-start").queryAs(Button.class);
        assertThat(onFx(start::isDisabled)).as("nothing to flash before an image is chosen").isTrue();

        open(robot, "tab-operators");
        Fx.waitUntil(10, () -> rows(robot, "#operators-table") == 2);

        open(robot, "tab-audit");
        Fx.waitUntil(10, () -> rows(robot, "#audit-table") >= 2);
        robot.clickOn("#audit-verify");
        Label chain = robot.lookup("#audit-chain").queryAs(Label.class);
        Fx.waitUntil(10, () -> onFx(chain::getText).startsWith("Intact"));
    }
}
