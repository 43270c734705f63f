package io.edgedeck.app.console;

import io.edgedeck.app.UiSettings;
import io.edgedeck.views.shell.WindowLayout;
import io.edgedeck.views.theme.ThemeChoice;

import java.util.Locale;

/**
 * Translates the "ui" section of settings.json to the console's theme, zoom, window layout and the Topics tab's $SYS
 * choice, and back.
 */
final class UiPreferences {
    private UiPreferences() {
    }

    static ThemeChoice theme(UiSettings ui) {
        return ThemeChoice.parse(ui.theme());
    }

    static int zoomPercent(UiSettings ui) {
        return ui.zoomPercent() == null ? 100 : ui.zoomPercent();
    }

    /** The saved layout, or null on a first start (or when the saved one is unusable). */
    static WindowLayout layout(UiSettings ui) {
        UiSettings.Window w = ui.window();
        if (w == null || !(w.width() > 0) || !(w.height() > 0) || !Double.isFinite(w.x()) || !Double.isFinite(w.y())) {
            return null;
        }
        return new WindowLayout(w.x(), w.y(), w.width(), w.height(), w.maximized(),
                w.tab() == null ? null : w.tab().toUpperCase(Locale.ROOT));
    }

    /** The Topics tab's "Show broker $SYS topics" (off unless saved on). */
    static boolean showSysTopics(UiSettings ui) {
        return Boolean.TRUE.equals(ui.showSysTopics());
    }

    static UiSettings of(ThemeChoice theme, int zoomPercent, WindowLayout layout) {
        return of(theme, zoomPercent, layout, false);
    }

    static UiSettings of(ThemeChoice theme, int zoomPercent, WindowLayout layout, boolean showSysTopics) {
        UiSettings.Window w = layout == null ? null : new UiSettings.Window(layout.x(), layout.y(), layout.width(),
                layout.height(), layout.maximized(), layout.screen() == null ? null
                : layout.screen().toLowerCase(Locale.ROOT));
        return new UiSettings(theme.name().toLowerCase(Locale.ROOT), zoomPercent, w, showSysTopics ? Boolean.TRUE : null);
    }
}
