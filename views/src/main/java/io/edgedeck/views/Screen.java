package io.edgedeck.views;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/** The main window's screens (tabs), in tab order, each with its shortcut. */
public enum Screen {
    DASHBOARD("Dashboard", KeyCode.DIGIT1),
    HISTORY("History", KeyCode.DIGIT2),
    DEVICES("Devices", KeyCode.DIGIT3),
    QUARANTINE("Quarantine", KeyCode.DIGIT4),
    FLASH("Flash", KeyCode.DIGIT5),
    OPERATORS("Operators", KeyCode.DIGIT6),
    AUDIT("Audit", KeyCode.DIGIT7),
    ALARMS("Alarms", KeyCode.DIGIT8),
    ENERGY("Energy", KeyCode.DIGIT9);

    private final String title;
    private final KeyCombination shortcut;

    Screen(String title, KeyCode key) {
        this.title = title;
        this.shortcut = new KeyCodeCombination(key, KeyCombination.SHORTCUT_DOWN);
    }

    public String title() {
        return title;
    }

    public KeyCombination shortcut() {
        return shortcut;
    }
}
