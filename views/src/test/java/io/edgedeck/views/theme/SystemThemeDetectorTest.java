package io.edgedeck.views.theme;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SystemThemeDetectorTest {
    @Test
    void gnomeColorSchemeSaysDarkLightOrNothing() {
        assertThat(SystemThemeDetector.fromGnomeColorScheme("'prefer-dark'\n")).contains(Theme.DARK);
        assertThat(SystemThemeDetector.fromGnomeColorScheme("'prefer-light'")).contains(Theme.LIGHT);
        assertThat(SystemThemeDetector.fromGnomeColorScheme("'default'")).isEmpty();
    }

    @Test
    void gtkThemeEndingInDarkIsDark() {
        assertThat(SystemThemeDetector.fromGtkTheme("Adwaita:dark")).contains(Theme.DARK);
        assertThat(SystemThemeDetector.fromGtkTheme("Yaru-Dark")).contains(Theme.DARK);
        assertThat(SystemThemeDetector.fromGtkTheme("Adwaita")).isEmpty();
        assertThat(SystemThemeDetector.fromGtkTheme(null)).isEmpty();
    }

    @Test
    void macAndWindowsAnswersAreRead() {
        assertThat(SystemThemeDetector.fromMacDefaults("Dark\n")).contains(Theme.DARK);
        assertThat(SystemThemeDetector.fromWindowsRegistry("""

                HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize
                    AppsUseLightTheme    REG_DWORD    0x0
                """)).contains(Theme.DARK);
        assertThat(SystemThemeDetector.fromWindowsRegistry("    AppsUseLightTheme    REG_DWORD    0x1")).contains(Theme.LIGHT);
        assertThat(SystemThemeDetector.fromWindowsRegistry("ERROR: not found")).isEmpty();
    }

    @Test
    void gtkThemeFromTheEnvironmentWinsWithoutRunningAnything() {
        var d = new SystemThemeDetector("Linux", Map.of("GTK_THEME", "Adwaita:dark"), Duration.ofMillis(200));
        assertThat(d.detect()).contains(Theme.DARK);
    }

    @Test
    void aMissingToolMeansNoAnswerNotAnError() {
        // no gsettings on a bare machine, or a desktop that does not say: nothing, and quickly
        var d = new SystemThemeDetector("Linux", Map.of(), Duration.ofSeconds(2));
        long t0 = System.nanoTime();
        Optional<Theme> found = d.detect();
        assertThat(found).isNotNull();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
    }
}
