package io.edgedeck.app;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How the console looked when it was last closed: the "ui" section of settings.json.
 *
 * @param theme       "light", "dark" or "system"; null follows the system
 * @param zoomPercent text zoom, 100 normal; null for 100
 * @param window      the main window's layout; null on a first start
 * @param showSysTopics the Topics tab's "Show broker $SYS topics"; null for off
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UiSettings(String theme, Integer zoomPercent, Window window, Boolean showSysTopics) {
    /** Without the Topics tab's $SYS choice (off). */
    public UiSettings(String theme, Integer zoomPercent, Window window) {
        this(theme, zoomPercent, window, null);
    }

    public static UiSettings defaults() {
        return new UiSettings(null, null, null, null);
    }

    /** The same look, with "Show broker $SYS topics" on or off (off is left out of the file). */
    public UiSettings withShowSysTopics(boolean on) {
        return new UiSettings(theme, zoomPercent, window, on ? Boolean.TRUE : null);
    }

    /**
     * The main window's normal bounds (screen coordinates), whether it was maximised, and the tab that showed.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Window(double x, double y, double width, double height, boolean maximized, String tab) {
    }
}
