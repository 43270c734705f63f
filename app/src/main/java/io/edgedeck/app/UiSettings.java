package io.edgedeck.app;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How the console looked when it was last closed: the "ui" section of settings.json.
 *
 * @param theme       "light", "dark" or "system"; null follows the system
 * @param zoomPercent text zoom, 100 normal; null for 100
 * @param window      the main window's layout; null on a first start
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UiSettings(String theme, Integer zoomPercent, Window window) {
    public static UiSettings defaults() {
        return new UiSettings(null, null, null);
    }

    /**
     * The main window's normal bounds (screen coordinates), whether it was maximised, and the tab that showed.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Window(double x, double y, double width, double height, boolean maximized, String tab) {
    }
}
