package io.edgedeck.app.console;

import javafx.beans.property.BooleanProperty;

import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The Topics tab's "Show broker $SYS topics", kept in settings.json: the saved choice is applied at start to the
 * toggle and to every tap (present and future), and a change goes to the taps and is remembered, both off the FX
 * thread.
 */
final class SysTopicsChoice {
    private SysTopicsChoice() {
    }

    /**
     * @param saved    the choice read from settings.json
     * @param toggle   the Topics tab's toggle; FX thread
     * @param remember saves a change (runs on {@code background})
     */
    static void apply(boolean saved, BooleanProperty toggle, ExplorerTaps taps, Executor background,
                      Consumer<Boolean> remember) {
        taps.showSys(saved); // before any tap comes up: it starts with $SYS/# when on
        toggle.set(saved);
        toggle.addListener((o, was, on) -> background.execute(() -> {
            taps.showSys(on);
            remember.accept(on);
        }));
    }
}
