package io.edgedeck.views.shell;

import io.edgedeck.views.Screen;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

import java.util.ArrayList;
import java.util.List;

/** Every keyboard shortcut of the console, as Help → Keyboard shortcuts lists them. */
public final class KeyboardShortcuts {
    public static final KeyCombination QUIT = new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination FULL_SCREEN = new KeyCodeCombination(KeyCode.F11);
    public static final KeyCombination ZOOM_IN = new KeyCodeCombination(KeyCode.EQUALS, KeyCombination.SHORTCUT_DOWN);
    /** Ctrl++ on keyboards where + is its own key (numeric keypad). */
    public static final KeyCombination ZOOM_IN_PLUS = new KeyCodeCombination(KeyCode.ADD, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination ZOOM_OUT = new KeyCodeCombination(KeyCode.MINUS, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination ZOOM_OUT_KEYPAD = new KeyCodeCombination(KeyCode.SUBTRACT, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination ZOOM_RESET = new KeyCodeCombination(KeyCode.DIGIT0, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination HELP = new KeyCodeCombination(KeyCode.F1);
    public static final KeyCombination EVENTS = new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);

    /** One line of the list. */
    public record Entry(String keys, String action, String where) {
    }

    private KeyboardShortcuts() {
    }

    /**
     * @param signIn the main window's sign-in shortcut
     * @param find   the main window's find shortcut
     */
    public static List<Entry> all(KeyCombination signIn, KeyCombination find, KeyCombination acknowledge) {
        var out = new ArrayList<Entry>();
        for (Screen s : Screen.values()) {
            out.add(new Entry(s.shortcut().getDisplayText(), "Show " + s.title(), "Everywhere"));
        }
        out.add(new Entry(find.getDisplayText(), "Filter devices (Dashboard, Devices), topics (Topics) or choose the device (History)",
                "Everywhere"));
        out.add(new Entry(signIn.getDisplayText(), "Sign in", "Everywhere"));
        out.add(new Entry(io.edgedeck.views.topics.TopicsView.MAP_TOPIC.getDisplayText(),
                "Map the selected topic to a device", "Topics"));
        out.add(new Entry(acknowledge.getDisplayText(), "Acknowledge the selected (or first unacknowledged) alarm",
                "Everywhere"));
        out.add(new Entry(EVENTS.getDisplayText(), "Event log", "Everywhere"));
        out.add(new Entry(io.edgedeck.views.MainWindow.CONNECTIONS.getDisplayText(),
                "Connection profiles (Connect, Connect as well, Disconnect)", "Everywhere"));
        out.add(new Entry(ZOOM_IN.getDisplayText(), "Larger text", "Everywhere"));
        out.add(new Entry(ZOOM_OUT.getDisplayText(), "Smaller text", "Everywhere"));
        out.add(new Entry(ZOOM_RESET.getDisplayText(), "Normal text size", "Everywhere"));
        out.add(new Entry(FULL_SCREEN.getDisplayText(), "Full screen on or off", "Everywhere"));
        out.add(new Entry(HELP.getDisplayText(), "This list", "Everywhere"));
        out.add(new Entry(QUIT.getDisplayText(), "Quit", "Everywhere"));
        out.add(new Entry("Alt+F, Alt+V, Alt+C, Alt+H", "Open the File, View, Connections or Help menu", "Everywhere"));
        out.add(new Entry("Ctrl+C", "Copy the connection log", "Connections window"));
        out.add(new Entry("Enter / double-click", "Open the device's history", "Dashboard tile, Devices row"));
        out.add(new Entry("Drag right / drag left", "Zoom into a time range / reset the zoom", "History chart"));
        out.add(new Entry("Alt+drag, mouse wheel", "Pan, zoom", "History chart"));
        out.add(new Entry(io.edgedeck.views.history.HistoryView.STACK.getDisplayText(),
                "Stack the device's fields over one time axis, or back to one metric", "History"));
        out.add(new Entry(new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN).getDisplayText(),
                "Flash the board", "Flash"));
        out.add(new Entry("Esc", "Stop flashing after the current block", "Flash"));
        out.add(new Entry("Enter / Esc", "Sign in / cancel", "Sign-in dialog"));
        out.add(new Entry("Tab / Shift+Tab", "Next / previous control", "Everywhere"));
        return out;
    }
}
