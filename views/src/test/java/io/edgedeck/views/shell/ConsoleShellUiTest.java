package io.edgedeck.views.shell;

import com.fazecast.jSerialComm.SerialPort;
import eu.hansolo.tilesfx.Tile;
import io.edgedeck.db.DeviceKind;
import io.edgedeck.db.IngestBatch;
import io.edgedeck.db.LocalStore;
import io.edgedeck.db.Metric;
import io.edgedeck.db.Reading;
import io.edgedeck.views.ConsoleInfo;
import io.edgedeck.views.MainWindow;
import io.edgedeck.views.Screen;
import io.edgedeck.views.TestLiveFeed;
import io.edgedeck.views.common.Tasks;
import io.edgedeck.views.events.EventLog;
import io.edgedeck.views.flash.FlashBackend;
import io.edgedeck.views.testing.Fx;
import io.edgedeck.views.theme.AppearanceViewModel;
import io.edgedeck.views.theme.Theme;
import io.edgedeck.views.theme.ThemeChoice;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.jfree.chart.fx.ChartViewer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The window's frame over a real in-memory store: menus, theme, zoom, shortcuts, About and the layout. */
@ExtendWith(ApplicationExtension.class)
class ConsoleShellUiTest {
    LocalStore store;
    TestLiveFeed feed;
    ExecutorService background;
    MainWindow window;
    ConsoleShell shell;
    Stage stage;
    final List<Path> opened = new ArrayList<>();

    @Start
    void start(Stage stage) {
        this.stage = stage;
        store = LocalStore.inMemory();
        feed = new TestLiveFeed(store);
        background = Executors.newFixedThreadPool(2);
        var tasks = new Tasks(background, Platform::runLater);
        var appearance = new AppearanceViewModel(ThemeChoice.DARK, 100, Optional::empty, tasks);
        window = new MainWindow(store, feed, new ConsoleInfo("test broker", true, store.location()), background,
                FlashBackend.system(), null, appearance, new EventLog(Platform::runLater, Clock.systemUTC()));
        stage.setScene(new Scene(window.root()));
        var about = new AboutInfo("9.9.9-test", store.location(), Path.of("/tmp/edgedeck-data"),
                Path.of("/tmp/edgedeck-config/settings.json"), Path.of("/tmp/edgedeck-logs"));
        shell = new ConsoleShell(stage, window, about, opened::add, tasks);
        shell.restore(null, List.of(new Rectangle2D(0, 0, 1366, 768)));
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            window.close();
            Window.getWindows().stream().filter(w -> w != stage).toList().forEach(Window::hide);
        }).get();
        background.shutdownNow();
        background.awaitTermination(5, TimeUnit.SECONDS);
        store.close();
    }

    MenuItem menuItem(FxRobot robot, String id) {
        MenuBar bar = robot.lookup("#menu-bar").queryAs(MenuBar.class);
        return bar.getMenus().stream().flatMap(ConsoleShellUiTest::items).filter(i -> id.equals(i.getId()))
                .findFirst().orElseThrow(() -> new AssertionError("no menu item " + id));
    }

    static Stream<MenuItem> items(MenuItem i) {
        return i instanceof Menu m ? Stream.concat(Stream.of(m), m.getItems().stream().flatMap(ConsoleShellUiTest::items))
                : Stream.of(i);
    }

    Tile firstTile(FxRobot robot) {
        Pane grid = robot.lookup("#dashboard-tiles").queryAs(Pane.class);
        return ((Pane) grid.getChildren().getFirst()).getChildren().stream().filter(Tile.class::isInstance)
                .map(Tile.class::cast).findFirst().orElseThrow();
    }

    @Test
    void viewThemeLightRestylesWindowTilesAndChartAndDarkRestoresThem(FxRobot robot) throws Exception {
        long now = System.currentTimeMillis();
        feed.push(IngestBatch.of(List.of(new Reading("plug-01", DeviceKind.PLUG, now,
                Map.of(Metric.POWER, 80.0, Metric.VOLTAGE, 230.0, Metric.CURRENT, 0.35, Metric.RELAY, 1.0)))));
        Fx.waitUntil(10, () -> robot.lookup("#dashboard-tiles").queryAs(Pane.class).getChildren().size() == 1);
        assertThat(firstTile(robot).getBackgroundColor()).isEqualTo(Theme.DARK.tiles().background());

        WaitForAsyncUtils.asyncFx(() -> menuItem(robot, "menu-theme-light").fire()).get();
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(window.root().getStylesheets()).anyMatch(s -> s.endsWith("theme-light.css"))
                .noneMatch(s -> s.endsWith("theme-dark.css"));
        assertThat(firstTile(robot).getBackgroundColor()).isEqualTo(Theme.LIGHT.tiles().background());
        ChartViewer chart = robot.lookup("#history-chart").queryAs(ChartViewer.class);
        assertThat(chart.getChart().getBackgroundPaint()).isEqualTo(new java.awt.Color(Theme.LIGHT.chart().background()));
        // the tab pane's background comes from the light stylesheet's -ed-bg
        var tabs = robot.lookup("#main-tabs").queryAs(TabPane.class);
        assertThat(window.root().lookup(".tab-header-background").getStyleClass()).isNotEmpty();
        assertThat(((javafx.scene.layout.Region) window.root()).getBackground().getFills().getFirst().getFill())
                .isEqualTo(javafx.scene.paint.Color.web("#eceff3"));
        assertThat(tabs).isNotNull();
        assertThat(window.appearance().choiceProperty().get()).isEqualTo(ThemeChoice.LIGHT);

        WaitForAsyncUtils.asyncFx(() -> menuItem(robot, "menu-theme-dark").fire()).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.root().getStylesheets()).anyMatch(s -> s.endsWith("theme-dark.css"));
        assertThat(firstTile(robot).getBackgroundColor()).isEqualTo(Theme.DARK.tiles().background());
        assertThat(((javafx.scene.layout.Region) window.root()).getBackground().getFills().getFirst().getFill())
                .isEqualTo(javafx.scene.paint.Color.web("#15171c"));
    }

    @Test
    void shortcutsOpenEveryTabAndF1ListsThemAll(FxRobot robot) throws Exception {
        TabPane tabs = robot.lookup("#main-tabs").queryAs(TabPane.class);
        robot.clickOn(tabs);
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
        Fx.waitUntil(5, () -> tabs.getSelectionModel().getSelectedItem().getId().equals("tab-devices"));
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT5).release(KeyCode.DIGIT5, KeyCode.CONTROL);
        Fx.waitUntil(5, () -> tabs.getSelectionModel().getSelectedItem().getId().equals("tab-flash"));
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT1).release(KeyCode.DIGIT1, KeyCode.CONTROL);
        Fx.waitUntil(5, () -> tabs.getSelectionModel().getSelectedItem().getId().equals("tab-dashboard"));
        // the View menu shows the same shortcuts
        assertThat(menuItem(robot, "menu-screen-audit").getAccelerator()).isEqualTo(Screen.AUDIT.shortcut());

        robot.press(KeyCode.F1).release(KeyCode.F1);
        Fx.waitUntil(5, () -> robot.lookup("#shortcuts-table").tryQuery().isPresent());
        @SuppressWarnings("unchecked")
        TableView<KeyboardShortcuts.Entry> table = robot.lookup("#shortcuts-table").queryAs(TableView.class);
        List<String> keys = table.getItems().stream().map(KeyboardShortcuts.Entry::keys).toList();
        for (Screen s : Screen.values()) {
            assertThat(keys).contains(s.shortcut().getDisplayText());
        }
        assertThat(keys).contains(KeyboardShortcuts.QUIT.getDisplayText(), KeyboardShortcuts.FULL_SCREEN.getDisplayText(),
                KeyboardShortcuts.ZOOM_IN.getDisplayText(), KeyboardShortcuts.HELP.getDisplayText(),
                MainWindow.SIGN_IN.getDisplayText(), MainWindow.FIND.getDisplayText(),
                KeyboardShortcuts.EVENTS.getDisplayText());
        // every accelerator in the menus is in the list
        MenuBar bar = robot.lookup("#menu-bar").queryAs(MenuBar.class);
        bar.getMenus().stream().flatMap(ConsoleShellUiTest::items).filter(i -> i.getAccelerator() != null)
                .forEach(i -> assertThat(keys).as(i.getText()).contains(i.getAccelerator().getDisplayText()));
    }

    @Test
    void zoomKeysScaleTheRootFontAndCtrl0ResetsIt(FxRobot robot) throws Exception {
        robot.clickOn(robot.lookup("#main-tabs").queryAs(Node.class));
        Label count = robot.lookup("#dashboard-count").queryAs(Label.class);
        assertThat(count.getFont().getSize()).isEqualTo(13.0);

        robot.press(KeyCode.CONTROL, KeyCode.EQUALS).release(KeyCode.EQUALS, KeyCode.CONTROL);
        robot.press(KeyCode.CONTROL, KeyCode.EQUALS).release(KeyCode.EQUALS, KeyCode.CONTROL);
        Fx.waitUntil(5, () -> window.appearance().zoomPercentProperty().get() == 120);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.root().getStyle()).contains("-fx-font-size: 15.6px");
        WaitForAsyncUtils.asyncFx(() -> window.root().applyCss()).get();
        assertThat(count.getFont().getSize()).isCloseTo(15.6, org.assertj.core.data.Offset.offset(0.01));

        robot.press(KeyCode.CONTROL, KeyCode.MINUS).release(KeyCode.MINUS, KeyCode.CONTROL);
        Fx.waitUntil(5, () -> window.appearance().zoomPercentProperty().get() == 110);
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT0).release(KeyCode.DIGIT0, KeyCode.CONTROL);
        Fx.waitUntil(5, () -> window.appearance().zoomPercentProperty().get() == 100);
        Fx.waitUntil(5, () -> count.getFont().getSize() == 13.0);
    }

    @Test
    void aboutListsTheLibraryVersionsFoundOnTheClassPathAndOpensFolders(FxRobot robot) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> menuItem(robot, "menu-about").fire()).get();
        Fx.waitUntil(10, () -> robot.lookup("#about-version-0").tryQuery().isPresent());
        Map<String, String> shown = new HashMap<>();
        for (int i = 0; i < LibraryVersions.MAIN_LIBRARIES.size(); i++) {
            String name = LibraryVersions.MAIN_LIBRARIES.get(i).name();
            String version = robot.lookup("#about-version-" + i).queryAs(Label.class).getText();
            shown.put(name, version);
            assertThat(version).as(name).isNotBlank().isNotEqualTo("unknown").isNotEqualTo("missing")
                    .matches("\\d+(\\.\\d+)+.*");
        }
        // the same versions as the libraries report themselves
        assertThat(System.getProperty("javafx.runtime.version")).startsWith(shown.get("JavaFX"));
        assertThat(shown.get("BouncyCastle")).isEqualTo(new BouncyCastleProvider().getVersionStr());
        assertThat(shown.get("jSerialComm")).isEqualTo(SerialPort.getVersion());
        assertThat(robot.lookup("#about-dialog").queryAs(Node.class).lookup(".header-panel .label"))
                .isInstanceOfSatisfying(Label.class, l -> assertThat(l.getText()).isEqualTo("EdgeDeck 9.9.9-test"));
        assertThat(robot.lookup("#about-java").queryAs(Label.class).getText()).contains(Runtime.version().toString());

        WaitForAsyncUtils.asyncFx(() -> robot.lookup("#about-open-logs").queryButton().fire()).get();
        Fx.waitUntil(5, () -> opened.contains(Path.of("/tmp/edgedeck-logs")));
    }

    @Test
    void layoutRoundTripRestoresBoundsAndTheSelectedTab(FxRobot robot) throws Exception {
        var screens = List.of(new Rectangle2D(0, 0, 1366, 768), new Rectangle2D(1366, 0, 1920, 1080));
        WaitForAsyncUtils.asyncFx(() -> shell.restore(new WindowLayout(1500, 40, 1200, 800, false, "FLASH"), screens))
                .get();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(stage.getX()).isEqualTo(1500);
        assertThat(stage.getWidth()).isEqualTo(1200);
        TabPane tabs = robot.lookup("#main-tabs").queryAs(TabPane.class);
        assertThat(tabs.getSelectionModel().getSelectedItem().getId()).isEqualTo("tab-flash");
        WindowLayout saved = WaitForAsyncUtils.asyncFx(shell::layout).get();
        assertThat(saved).isEqualTo(new WindowLayout(1500, 40, 1200, 800, false, "FLASH"));

        // the second monitor is gone: the window comes back onto the first, fitted to it
        WaitForAsyncUtils.asyncFx(() -> shell.restore(saved, List.of(new Rectangle2D(0, 0, 1366, 768)))).get();
        WaitForAsyncUtils.waitForFxEvents();
        WindowLayout back = WaitForAsyncUtils.asyncFx(shell::layout).get();
        assertThat(back.x()).isBetween(0.0, 1366.0 - back.width());
        assertThat(back.width()).isLessThanOrEqualTo(1366);
        assertThat(back.height()).isLessThanOrEqualTo(768);
    }
}
