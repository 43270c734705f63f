package io.edgedeck.views.theme;

import io.edgedeck.views.common.Tasks;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The console's look: the chosen theme (light, dark, or following the system), the theme in effect, and the text
 * zoom. The system's preference is asked once, in the background; until it answers, or when it says nothing, the
 * console is dark.
 */
public final class AppearanceViewModel {
    /** The root font size at 100 %, in px. */
    public static final double BASE_FONT_PX = 13;
    public static final int MIN_ZOOM = 80;
    public static final int MAX_ZOOM = 250;
    private static final int STEP = 10;

    private final ObjectProperty<ThemeChoice> choice = new SimpleObjectProperty<>(this, "choice", ThemeChoice.SYSTEM);
    private final ReadOnlyObjectWrapper<Theme> theme = new ReadOnlyObjectWrapper<>(this, "theme", Theme.DARK);
    private final ReadOnlyIntegerWrapper zoomPercent = new ReadOnlyIntegerWrapper(this, "zoomPercent", 100);
    private final ReadOnlyObjectWrapper<Theme> systemTheme = new ReadOnlyObjectWrapper<>(this, "systemTheme");

    /**
     * @param systemProbe asks the OS (slow: runs a command); called once on {@code tasks}' background executor
     */
    public AppearanceViewModel(ThemeChoice initialChoice, int initialZoomPercent, Supplier<Optional<Theme>> systemProbe,
                               Tasks tasks) {
        choice.set(initialChoice == null ? ThemeChoice.SYSTEM : initialChoice);
        zoomPercent.set(clamp(initialZoomPercent));
        choice.addListener((o, a, b) -> update());
        systemTheme.addListener((o, a, b) -> update());
        update();
        tasks.run("Reading the system's light/dark preference", systemProbe::get,
                found -> systemTheme.set(found.orElse(null)), failed -> { });
    }

    /** A fixed dark look at 100 %, asking nobody: for windows built without preferences (tests, tools). */
    public static AppearanceViewModel fixedDark() {
        return new AppearanceViewModel(ThemeChoice.DARK, 100, Optional::empty, Tasks.direct());
    }

    // ---- Properties

    public ObjectProperty<ThemeChoice> choiceProperty() {
        return choice;
    }

    /** The theme in effect. */
    public ReadOnlyObjectProperty<Theme> themeProperty() {
        return theme.getReadOnlyProperty();
    }

    public Theme theme() {
        return theme.get();
    }

    public ReadOnlyIntegerProperty zoomPercentProperty() {
        return zoomPercent.getReadOnlyProperty();
    }

    /** What the system said (null: nothing, or not yet). */
    public ReadOnlyObjectProperty<Theme> systemThemeProperty() {
        return systemTheme.getReadOnlyProperty();
    }

    /** The root font size for the current zoom, in px. */
    public double fontSizePx() {
        return Math.round(BASE_FONT_PX * zoomPercent.get() / 10.0) / 10.0;
    }

    // ---- Commands

    public void zoomIn() {
        zoomPercent.set(clamp(zoomPercent.get() + STEP));
    }

    public void zoomOut() {
        zoomPercent.set(clamp(zoomPercent.get() - STEP));
    }

    public void resetZoom() {
        zoomPercent.set(100);
    }

    private void update() {
        theme.set(switch (choice.get()) {
            case LIGHT -> Theme.LIGHT;
            case DARK -> Theme.DARK;
            case SYSTEM -> systemTheme.get() == null ? Theme.DARK : systemTheme.get();
        });
    }

    private static int clamp(int percent) {
        return Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, percent));
    }
}
