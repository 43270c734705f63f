package io.edgedeck.views;

import io.edgedeck.db.AuditAction;
import io.edgedeck.db.LocalStore;
import io.edgedeck.db.Metric;
import io.edgedeck.db.Role;
import io.edgedeck.link.sim.FleetSimulator;
import io.edgedeck.link.sim.SimulationConfig;
import io.edgedeck.services.FleetTrust;
import io.edgedeck.services.OperatorSession;
import io.edgedeck.views.audit.AuditRow;
import io.edgedeck.views.audit.AuditViewModel;
import io.edgedeck.views.common.PngSnapshot;
import io.edgedeck.views.fleet.DeviceModel;
import io.edgedeck.views.relay.RelaySwitch;
import io.edgedeck.views.testing.Fx;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Operators and signed relay commands with nothing stood in for: embedded broker, simulated plugs that trust the
 * console's operators (FleetTrust), an H2 file, the real services. A Technician signs in through the dialog,
 * switches a plug off from its tile (confirming), sees "pending…" and then the plug's new state; the Audit tab
 * shows the command and Verify says intact; a Viewer's switch is disabled with the reason.
 * With {@code -Dedgedeck.screenshots=DIR} it also writes the README's screenshots.
 */
@ExtendWith(ApplicationExtension.class)
class OperatorsEndToEndUiTest {
    static final String SHOTS = System.getProperty("edgedeck.screenshots");
    static final AtomicInteger RUN = new AtomicInteger();
    @TempDir
    static Path dir;

    DemoFleetConsole console;
    LocalStore store;
    FleetSimulator fleet;
    OperatorSession session;
    MainWindow window;
    Scene scene;

    @Start
    void start(Stage stage) {
        console = DemoFleetConsole.open(dir.resolve("run-" + RUN.incrementAndGet()))
                .operator("ana", Role.TECHNICIAN).operator("vic", Role.VIEWER);
        console.session().signOut();
        console.start(stage, new SimulationConfig(6, 0, 1.0, 11), "ui-console");
        store = console.store();
        fleet = console.fleet();
        session = console.session();
        window = console.window();
        scene = console.scene();
    }

    @AfterEach
    void stop() throws Exception {
        console.close();
    }

    /** A plug that is on and draws more than 5 W (switching it off asks first). */
    Optional<DeviceModel> busyPlug() {
        return window.relayControl() == null ? Optional.empty() : fleetDevices().stream()
                .filter(d -> Boolean.TRUE.equals(d.relayOnProperty().get()) && d.value(Metric.POWER) > 10)
                .findFirst();
    }

    List<DeviceModel> fleetDevices() {
        return window.dashboardDevices();
    }

    void signInThroughTheDialog(FxRobot robot, String name, String passphrase) throws Exception {
        Fx.waitUntil(10, () -> robot.lookup("#sign-in-passphrase").tryQuery().isPresent()
                && robot.lookup("#sign-in-operator").queryAs(ComboBox.class).getItems().size() >= 3);
        @SuppressWarnings("unchecked")
        ComboBox<io.edgedeck.db.Operator> who = robot.lookup("#sign-in-operator").queryAs(ComboBox.class);
        WaitForAsyncUtils.asyncFx(() -> who.getItems().stream().filter(o -> o.name().equals(name)).findFirst()
                .ifPresent(who::setValue)).get();
        robot.clickOn("#sign-in-passphrase").write(passphrase).type(KeyCode.ENTER);
    }

    @Test
    void aTechnicianSwitchesAPlugOffWithASignedCommandAndTheAuditLogShowsIt(FxRobot robot) throws Exception {
        Fx.waitUntil(30, () -> busyPlug().isPresent());
        DeviceModel plug = WaitForAsyncUtils.asyncFx(() -> busyPlug().orElseThrow()).get();
        String id = plug.id();
        RelaySwitch sw = WaitForAsyncUtils.asyncFx(() -> window.relayControl().switchFor(plug)).get();
        var seen = new CopyOnWriteArrayList<String>();
        WaitForAsyncUtils.asyncFx(() -> sw.textProperty().addListener((o, a, b) -> seen.add(b))).get();
        Button button = robot.lookup("#relay-" + id).queryAs(Button.class);
        assertThat(button.getText()).isEqualTo("ON");
        shoot("relay-dashboard");

        // not signed in: the click opens sign-in, then goes on with the command
        robot.clickOn(button);
        Fx.waitUntil(10, () -> robot.lookup("#sign-in-passphrase").tryQuery().isPresent());
        shootWindowOf("sign-in", robot.lookup("#sign-in-dialog").query().getScene().getWindow());
        signInThroughTheDialog(robot, "ana", "wrong-passphrase");
        Fx.waitUntil(10, () -> !robot.lookup("#sign-in-error").queryAs(Label.class).getText().isEmpty());
        assertThat(robot.lookup("#sign-in-error").queryAs(Label.class).getText())
                .isEqualTo("Wrong passphrase for operator 'ana'.");
        robot.clickOn("#sign-in-passphrase").write("ana-passphrase").type(KeyCode.ENTER);

        Fx.waitUntil(10, () -> robot.lookup("#relay-confirm").tryQuery().isPresent());
        String question = robot.lookup("#relay-confirm .content").queryAs(Label.class).getText();
        assertThat(question).startsWith("Switch off " + id + "? It draws ").endsWith(" W now.");
        assertThat(robot.lookup("#status-session").queryAs(javafx.scene.control.Hyperlink.class).getText())
                .isEqualTo("ana (Technician) — Sign out");
        robot.clickOn("Switch off");

        Fx.waitUntil(15, () -> "OFF".equals(button.getText()));
        assertThat(seen).contains("pending…");
        assertThat(seen.getLast()).isEqualTo("OFF");
        assertThat(sw.problem()).isEmpty();
        assertThat(fleet.devices().stream().filter(d -> d.id().equals(id)).findFirst()).isPresent();

        // the audit log: an Admin reads it, sees the command and verifies the chain
        robot.clickOn("#dashboard-filter"); // the main window has the focus again
        robot.press(KeyCode.CONTROL).press(KeyCode.L).release(KeyCode.L).release(KeyCode.CONTROL);
        signInThroughTheDialog(robot, "root", "root-passphrase");
        Fx.waitUntil(10, () -> session.current().map(s -> s.name().equals("root")).orElse(false));
        robot.clickOn("#dashboard-filter");
        robot.press(KeyCode.CONTROL).press(KeyCode.DIGIT7).release(KeyCode.DIGIT7).release(KeyCode.CONTROL);
        @SuppressWarnings("unchecked")
        TableView<AuditRow> table = robot.lookup("#audit-table").queryAs(TableView.class);
        Fx.waitUntil(10, () -> table.getItems().stream().anyMatch(r -> r.device().equals(id)
                && r.action().equals(AuditAction.COMMAND_SENT.wireName()) && r.outcome().equals("accepted")));
        assertThat(table.getItems()).anyMatch(r -> r.device().equals(id) && r.operator().equals("ana")
                && r.detail().startsWith("command=relay_off nonce="));
        robot.clickOn("#audit-verify");
        Fx.waitUntil(10, () -> window.auditViewModel().chainStateProperty().get() == AuditViewModel.ChainState.INTACT);
        assertThat(robot.lookup("#audit-chain").queryAs(Label.class).getText()).startsWith("Intact — ");
        shoot("audit");
    }

    @Test
    void aViewersSwitchIsDisabledWithTheReasonAndTheAuditTabIsClosedToThem(FxRobot robot) throws Exception {
        Fx.waitUntil(30, () -> !fleetDevices().isEmpty() && robot.lookup(".relay-switch").tryQuery().isPresent());
        WaitForAsyncUtils.asyncFx(() -> window.openSignIn(null)).get();
        signInThroughTheDialog(robot, "vic", "vic-passphrase");
        Fx.waitUntil(10, () -> robot.lookup(".relay-switch").queryAllAs(Button.class).stream().allMatch(Button::isDisabled));
        robot.clickOn("#dashboard-filter");
        DeviceModel any = fleetDevices().getFirst();
        assertThat(WaitForAsyncUtils.asyncFx(() -> window.relayControl().switchFor(any).hint()).get())
                .isEqualTo("Viewer 'vic' may not send commands to devices (only Admin and Technician may).");
        robot.press(KeyCode.CONTROL).press(KeyCode.DIGIT7).release(KeyCode.DIGIT7).release(KeyCode.CONTROL);
        assertThat(robot.lookup("#audit-refusal").queryAs(Label.class).getText())
                .isEqualTo(AuditViewModel.REFUSAL);
        assertThat(robot.lookup("#audit-table").queryAs(TableView.class).getItems()).isEmpty();
    }

    void shoot(String name) throws Exception {
        if (SHOTS != null) {
            WaitForAsyncUtils.waitForFxEvents();
            var image = WaitForAsyncUtils.asyncFx(() -> PngSnapshot.take(scene)).get();
            PngSnapshot.write(image, Path.of(SHOTS, "edgedeck-" + name + ".png"));
        }
    }

    void shootWindowOf(String name, Window w) throws Exception {
        if (SHOTS != null) {
            Thread.sleep(400);
            WaitForAsyncUtils.waitForFxEvents();
            var image = WaitForAsyncUtils.asyncFx(() -> PngSnapshot.take(w.getScene())).get();
            PngSnapshot.write(image, Path.of(SHOTS, "edgedeck-" + name + ".png"));
        }
    }
}
