package io.edgedeck.views.shell;

import io.edgedeck.views.MainWindow;
import io.edgedeck.views.Screen;
import io.edgedeck.views.common.Tasks;
import io.edgedeck.views.theme.ThemeChoice;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

import java.util.LinkedHashMap;
import java.util.Map;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.util.List;

/**
 * The main window's frame: menu bar (File, View, Help with mnemonics and accelerators), full screen, the About and
 * keyboard-shortcut dialogs, and the window's layout (restored before the stage shows, read back when it closes).
 * Create it on the FX thread after the stage has its scene.
 */
public final class ConsoleShell {
    private final Stage stage;
    private final MainWindow window;
    private final AboutInfo about;
    private final FolderOpener folders;
    private final Tasks tasks;
    private final MenuBar menuBar;
    private double normalX;
    private double normalY;
    private double normalWidth;
    private double normalHeight;

    public ConsoleShell(Stage stage, MainWindow window, AboutInfo about, FolderOpener folders, Tasks tasks) {
        this.stage = stage;
        this.window = window;
        this.about = about;
        this.folders = folders;
        this.tasks = tasks;
        this.menuBar = menuBar();
        window.setMenuBar(menuBar);
        var appearance = window.appearance();
        // the window's shortcuts act wherever the focus is: a focused control may consume a key before the menus'
        // accelerators see it (the menus show the same keys)
        Map<KeyCombination, Runnable> keys = new LinkedHashMap<>();
        keys.put(KeyboardShortcuts.ZOOM_IN, appearance::zoomIn);
        keys.put(KeyboardShortcuts.ZOOM_IN_PLUS, appearance::zoomIn);
        keys.put(KeyboardShortcuts.ZOOM_OUT, appearance::zoomOut);
        keys.put(KeyboardShortcuts.ZOOM_OUT_KEYPAD, appearance::zoomOut);
        keys.put(KeyboardShortcuts.ZOOM_RESET, appearance::resetZoom);
        keys.put(KeyboardShortcuts.HELP, this::showShortcuts);
        keys.put(KeyboardShortcuts.EVENTS, () -> window.openEventLog(false));
        keys.put(KeyboardShortcuts.FULL_SCREEN, () -> stage.setFullScreen(!stage.isFullScreen()));
        keys.put(KeyboardShortcuts.QUIT, stage::close);
        stage.getScene().addEventFilter(KeyEvent.KEY_PRESSED, e -> keys.entrySet().stream()
                .filter(k -> k.getKey().match(e)).findFirst().ifPresent(k -> {
                    e.consume();
                    k.getValue().run();
                }));
        stage.setFullScreenExitHint("Press F11 or Esc to leave full screen");
        // remember the normal bounds: when the window closes maximised, its own bounds are the screen's
        stage.xProperty().addListener((o, a, b) -> rememberNormalBounds());
        stage.yProperty().addListener((o, a, b) -> rememberNormalBounds());
        stage.widthProperty().addListener((o, a, b) -> rememberNormalBounds());
        stage.heightProperty().addListener((o, a, b) -> rememberNormalBounds());
    }

    /** Sizes, places and maximises the stage as {@code layout} says, fitted to {@code screens}; selects its tab. */
    public void restore(WindowLayout layout, List<Rectangle2D> screens) {
        WindowLayout l = (layout == null ? WindowLayout.firstStart(screens) : layout).clampTo(screens);
        stage.setWidth(l.width());
        stage.setHeight(l.height());
        stage.setX(l.x());
        stage.setY(l.y());
        normalX = l.x();
        normalY = l.y();
        normalWidth = l.width();
        normalHeight = l.height();
        stage.setMaximized(l.maximized());
        if (l.screen() != null) {
            for (Screen s : Screen.values()) {
                if (s.name().equalsIgnoreCase(l.screen())) {
                    window.screenProperty().set(s);
                }
            }
        }
    }

    /** The layout to save: normal bounds, maximised, the screen showing. */
    public WindowLayout layout() {
        rememberNormalBounds();
        Screen s = window.screenProperty().get();
        return new WindowLayout(normalX, normalY, normalWidth, normalHeight, stage.isMaximized(),
                s == null ? null : s.name());
    }

    public void showShortcuts() {
        new ShortcutsDialog(KeyboardShortcuts.all(MainWindow.SIGN_IN, MainWindow.FIND, MainWindow.ACKNOWLEDGE), stage, window.root()).show();
    }

    public void showAbout() {
        new AboutDialog(about, tasks, folders, stage, window.root()).show();
    }

    MenuBar menuBarForTests() {
        return menuBar;
    }

    private void rememberNormalBounds() {
        if (!stage.isMaximized() && !stage.isFullScreen() && !stage.isIconified() && stage.getWidth() > 0) {
            normalX = stage.getX();
            normalY = stage.getY();
            normalWidth = stage.getWidth();
            normalHeight = stage.getHeight();
        }
    }

    private MenuBar menuBar() {
        var export = item("_Export audit log (CSV)…", "menu-export", null, window::exportAuditLog);
        var quit = item("_Quit", "menu-quit", KeyboardShortcuts.QUIT, stage::close);
        var file = new Menu("_File", null, export, new SeparatorMenuItem(), quit);
        file.setId("menu-file");

        var view = new Menu("_View");
        view.setId("menu-view");
        for (Screen s : Screen.values()) {
            view.getItems().add(item(s.title(), "menu-screen-" + s.name().toLowerCase(java.util.Locale.ROOT),
                    s.shortcut(), () -> window.screenProperty().set(s)));
        }
        var themes = new Menu("_Theme");
        themes.setId("menu-theme");
        var group = new ToggleGroup();
        var appearance = window.appearance();
        for (ThemeChoice c : List.of(ThemeChoice.LIGHT, ThemeChoice.DARK, ThemeChoice.SYSTEM)) {
            var r = new RadioMenuItem(c.label());
            r.setId("menu-theme-" + c.name().toLowerCase(java.util.Locale.ROOT));
            r.setToggleGroup(group);
            r.setSelected(appearance.choiceProperty().get() == c);
            r.setOnAction(e -> appearance.choiceProperty().set(c));
            appearance.choiceProperty().addListener((o, a, b) -> r.setSelected(b == c));
            themes.getItems().add(r);
        }
        var fullScreen = new CheckMenuItem("_Full screen");
        fullScreen.setId("menu-full-screen");
        fullScreen.setAccelerator(KeyboardShortcuts.FULL_SCREEN);
        fullScreen.setOnAction(e -> stage.setFullScreen(!stage.isFullScreen()));
        stage.fullScreenProperty().addListener((o, a, b) -> fullScreen.setSelected(b));
        var zoomIn = item("Zoom _in (larger text)", "menu-zoom-in", KeyboardShortcuts.ZOOM_IN, appearance::zoomIn);
        var zoomOut = item("Zoom _out (smaller text)", "menu-zoom-out", KeyboardShortcuts.ZOOM_OUT, appearance::zoomOut);
        var zoomReset = item("_Normal text size", "menu-zoom-reset", KeyboardShortcuts.ZOOM_RESET, appearance::resetZoom);
        var eventLog = item("_Event log", "menu-events", KeyboardShortcuts.EVENTS, () -> window.openEventLog(false));
        view.getItems().addAll(new SeparatorMenuItem(), themes, fullScreen, zoomIn, zoomOut, zoomReset,
                new SeparatorMenuItem(), eventLog);

        var profiles = item("Connection _profiles…", "menu-connection-profiles", io.edgedeck.views.MainWindow.CONNECTIONS,
                window::openConnections);
        var connectionLog = item("Connections and _log…", "menu-connection-log", null,
                () -> window.openConnectionLog(null));
        var connections = new Menu("_Connections", null, profiles, connectionLog);
        connections.setId("menu-connections");

        var shortcuts = item("_Keyboard shortcuts", "menu-shortcuts", KeyboardShortcuts.HELP, this::showShortcuts);
        var dataFolder = item("Open _data folder", "menu-open-data", null, () -> openFolder(about.dataFolder()));
        var logs = item("Open _logs", "menu-open-logs", null, () -> openFolder(about.logFolder()));
        var aboutItem = item("_About EdgeDeck", "menu-about", null, this::showAbout);
        var help = new Menu("_Help", null, shortcuts, new SeparatorMenuItem(), dataFolder, logs,
                new SeparatorMenuItem(), aboutItem);
        help.setId("menu-help");

        var bar = new MenuBar(file, view, connections, help);
        bar.setId("menu-bar");
        bar.setUseSystemMenuBar(true); // macOS: the screen's menu bar
        return bar;
    }

    private void openFolder(Path folder) {
        tasks.run("opening " + folder, () -> {
            folders.open(folder);
            return folder;
        }, ok -> { }, failure -> window.events().error("Files", "Could not open " + folder,
                Tasks.describe(failure)));
    }

    private static MenuItem item(String text, String id, KeyCombination accelerator, Runnable action) {
        var i = new MenuItem(text);
        i.setId(id);
        if (accelerator != null) {
            i.setAccelerator(accelerator);
        }
        i.setOnAction(e -> action.run());
        return i;
    }
}
