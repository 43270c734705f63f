package io.edgedeck.app.console;

import io.edgedeck.app.Settings;
import io.edgedeck.app.SettingsStore;
import io.edgedeck.app.UiSettings;
import io.edgedeck.views.shell.WindowLayout;
import io.edgedeck.views.theme.ThemeChoice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Theme, zoom and window layout survive a restart through settings.json, without disturbing the rest of it. */
class UiPreferencesTest {
    @TempDir
    Path dir;

    @Test
    void themeZoomAndLayoutComeBackFromSettingsJson() throws Exception {
        var store = new SettingsStore(dir.resolve("settings.json"));
        store.save(new Settings("tcp://broker.local:1883", "3", "shopfloor-1", null));
        var layout = new WindowLayout(120.5, 64, 1280, 720, true, "HISTORY");

        // what the console does on close: re-read, put the ui section in, save
        store.save(store.load().withUi(UiPreferences.of(ThemeChoice.LIGHT, 130, layout)));

        // a restart
        Settings again = new SettingsStore(dir.resolve("settings.json")).load();
        assertThat(again.brokerUrl()).isEqualTo("tcp://broker.local:1883");
        assertThat(again.clientId()).isEqualTo("shopfloor-1");
        UiSettings ui = again.uiOrDefaults();
        assertThat(UiPreferences.theme(ui)).isEqualTo(ThemeChoice.LIGHT);
        assertThat(UiPreferences.zoomPercent(ui)).isEqualTo(130);
        assertThat(UiPreferences.layout(ui)).isEqualTo(layout);
        assertThat(Files.readString(dir.resolve("settings.json"))).contains("\"theme\" : \"light\"", "\"tab\" : \"history\"");
    }

    @Test
    void settingsWithoutAUiSectionStartWithTheDefaults() throws Exception {
        Files.writeString(dir.resolve("settings.json"), "{ \"brokerUrl\": \"tcp://b:1883\" }");
        UiSettings ui = new SettingsStore(dir.resolve("settings.json")).load().uiOrDefaults();
        assertThat(UiPreferences.theme(ui)).isEqualTo(ThemeChoice.SYSTEM);
        assertThat(UiPreferences.zoomPercent(ui)).isEqualTo(100);
        assertThat(UiPreferences.layout(ui)).isNull();
    }

    @Test
    void anUnusableSavedWindowIsIgnored() throws Exception {
        Files.writeString(dir.resolve("settings.json"),
                "{ \"ui\": { \"theme\": \"dark\", \"window\": { \"x\": 0, \"y\": 0, \"width\": 0, \"height\": -5 } } }");
        UiSettings ui = new SettingsStore(dir.resolve("settings.json")).load().uiOrDefaults();
        assertThat(UiPreferences.theme(ui)).isEqualTo(ThemeChoice.DARK);
        assertThat(UiPreferences.layout(ui)).isNull();
    }
}
