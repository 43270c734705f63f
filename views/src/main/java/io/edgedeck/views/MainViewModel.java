package io.edgedeck.views;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

import java.util.function.Consumer;

/** Which screen is showing, and navigation between screens. */
public final class MainViewModel {
    private final ObjectProperty<Screen> screen = new SimpleObjectProperty<>(this, "screen", Screen.DASHBOARD);
    private final Consumer<String> showInHistory;

    /** @param showInHistory loads a device into the History screen */
    public MainViewModel(Consumer<String> showInHistory) {
        this.showInHistory = showInHistory;
    }

    public ObjectProperty<Screen> screenProperty() {
        return screen;
    }

    /** Opens the device's history. */
    public void openHistory(String deviceId) {
        showInHistory.accept(deviceId);
        screen.set(Screen.HISTORY);
    }
}
