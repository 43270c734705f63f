package io.edgedeck.views;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/** The main window's screens (tabs), in tab order, each with its shortcut. */
public enum Screen {
    DASHBOARD("Dashboard", KeyCode.DIGIT1),
    HISTORY("History", KeyCode.DIGIT2),
    DEVICES("Devices", KeyCode.DIGIT3),
    /** Ctrl+Shift+T: Ctrl+0 is the zoom reset. */
    TOPICS("Topics", new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN)),
    QUARANTINE("Quarantine", KeyCode.DIGIT4),
    FLASH("Flash", KeyCode.DIGIT5),
    OPERATORS("Operators", KeyCode.DIGIT6),
    AUDIT("Audit", KeyCode.DIGIT7),
    ALARMS("Alarms", KeyCode.DIGIT8),
    ENERGY("Energy", KeyCode.DIGIT9);

    private final String title;
    private final KeyCombination shortcut;

    Screen(String title, KeyCode key) {
        this(title, new KeyCodeCombination(key, KeyCombination.SHORTCUT_DOWN));
    }

    Screen(String title, KeyCombination shortcut) {
        this.title = title;
        this.shortcut = shortcut;
    }

    public String title() {
        return title;
    }

    public KeyCombination shortcut() {
        return shortcut;
    }
}
