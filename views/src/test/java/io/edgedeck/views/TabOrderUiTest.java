package io.edgedeck.views;

import io.edgedeck.db.LocalStore;
import io.edgedeck.db.Role;
import io.edgedeck.services.ConsoleServices;
import io.edgedeck.services.KeyRing;
import io.edgedeck.services.OperatorSession;
import io.edgedeck.services.RelayControl;
import io.edgedeck.services.SignedIn;
import io.edgedeck.link.command.CommandRateLimiter;
import io.edgedeck.services.profiles.ConnectionTester;
import io.edgedeck.services.profiles.KeyVaults;
import io.edgedeck.services.profiles.ProfileStore;
import io.edgedeck.views.common.Tasks;
import io.edgedeck.views.connection.ConnectionDialog;
import io.edgedeck.views.connection.ConnectionViewModel;
import io.edgedeck.views.flash.FlashBackend;
import io.edgedeck.views.testing.TabOrder;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 7: a keyboard user moving through each main view with Tab meets its controls in reading order (left to right,
 * then down), and each control the focus stops at has a name a screen reader can say.
 */
@ExtendWith(ApplicationExtension.class)
class TabOrderUiTest {
    @TempDir
    static Path dir;

    LocalStore store;
    ExecutorService background;
    MainWindow window;
    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        store = LocalStore.inMemory();
        KeyRing keys = KeyRing.inDataFolder(dir.resolve("keys-" + System.nanoTime()));
        OperatorSession session = new OperatorSession(store.operators(), store.audit(), keys);
        SignedIn root = session.createFirstOperator("root", "root-passphrase".toCharArray());
        session.createOperator(root, "ana", Role.TECHNICIAN, "ana-passphrase".toCharArray());
        background = Executors.newCachedThreadPool();
        var relays = new RelayControl(store.operators(), store.audit(), new CommandRateLimiter(Clock.systemUTC()),
                (command, timeout) -> CompletableFuture.failedFuture(new IllegalStateException("no broker")),
                Clock.systemUTC(), new SecureRandom(), background);
        window = new MainWindow(store, new TestLiveFeed(store), new ConsoleInfo("test broker", true, store.location()),
                background, FlashBackend.system(), new ConsoleServices(session, relays, keys));
        stage.setScene(new Scene(window.root(), 1366, 768));
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(window::close).get();
        background.shutdownNow();
        store.close();
    }

    private List<TabOrder.Stop> walkTab(FxRobot robot, String tabId) throws Exception {
        TabPane tabs = robot.lookup("#main-tabs").queryAs(TabPane.class);
        Tab tab = tabs.getTabs().stream().filter(t -> tabId.equals(t.getId())).findFirst().orElseThrow();
        WaitForAsyncUtils.asyncFx(() -> tabs.getSelectionModel().select(tab)).get();
        WaitForAsyncUtils.waitForFxEvents();
        Node content = tab.getContent();
        return TabOrder.walk(robot, tabs, content, 60);
    }

    private static void assertGood(String view, List<TabOrder.Stop> stops, int atLeast) {
        assertThat(stops).as("%s: Tab reaches its controls:\n%s", view, TabOrder.list(stops)).hasSizeGreaterThanOrEqualTo(atLeast);
        assertThat(TabOrder.outOfReadingOrder(stops)).as("%s: focus goes back against reading order; stops:\n%s",
                view, TabOrder.list(stops)).isEmpty();
        assertThat(TabOrder.unnamed(stops)).as("%s: controls without a name for screen readers", view).isEmpty();
    }

    @Test
    void devices(FxRobot robot) throws Exception {
        assertGood("Devices", walkTab(robot, "tab-devices"), 2); // the filter, the table (On/Off wait for a plug)
    }

    @Test
    void history(FxRobot robot) throws Exception {
        assertGood("History", walkTab(robot, "tab-history"), 5);
    }

    @Test
    void flash(FxRobot robot) throws Exception {
        assertGood("Flash", walkTab(robot, "tab-flash"), 5);
    }

    @Test
    void operators(FxRobot robot) throws Exception {
        assertGood("Operators", walkTab(robot, "tab-operators"), 2); // Add, the table (the rest wait for a row)
    }

    @Test
    void connectionDialog(FxRobot robot) throws Exception {
        var profiles = new ProfileStore(dir.resolve("profiles-" + System.nanoTime()), KeyVaults.fileOnly(dir));
        var vm = new ConnectionViewModel(profiles, new ConnectionTester("tab-order-test", Duration.ofSeconds(5)),
                p -> { }, new Tasks(background, Platform::runLater));
        ConnectionDialog dialog = WaitForAsyncUtils.asyncFx(() -> {
            var d = new ConnectionDialog(vm, stage);
            vm.load(null);
            d.show();
            return d;
        }).get();
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#connection-new");
        WaitForAsyncUtils.waitForFxEvents();
        var pane = dialog.getDialogPane();
        Node first = TabOrder.firstInReadingOrder(pane);
        try {
            assertGood("Connection dialog", TabOrder.walk(robot, first, pane, 60), 8);
        } finally {
            WaitForAsyncUtils.asyncFx(dialog::close).get();
        }
    }
}
