package io.edgedeck.app;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AppPathsTest {
    private final Path home = Path.of("/home/ana");

    @Test
    void linuxFollowsXdgDefaults() {
        AppPaths p = AppPaths.resolve(Map.of(), "Linux", home);
        assertThat(p.dataDir()).isEqualTo(Path.of("/home/ana/.local/share/edgedeck"));
        assertThat(p.configDir()).isEqualTo(Path.of("/home/ana/.config/edgedeck"));
        assertThat(p.logDir()).isEqualTo(Path.of("/home/ana/.local/state/edgedeck/logs"));
        assertThat(p.defaultDatabase()).isEqualTo(Path.of("/home/ana/.local/share/edgedeck/edgedeck"));
    }

    @Test
    void linuxHonoursXdgVariablesButIgnoresRelativeOnes() {
        AppPaths p = AppPaths.resolve(Map.of("XDG_DATA_HOME", "/data", "XDG_CONFIG_HOME", "relative/cfg"), "Linux", home);
        assertThat(p.dataDir()).isEqualTo(Path.of("/data/edgedeck"));
        assertThat(p.configDir()).isEqualTo(Path.of("/home/ana/.config/edgedeck"));
    }

    @Test
    void windowsAndMacUseTheirUsualFolders() {
        AppPaths win = AppPaths.resolve(Map.of("LOCALAPPDATA", "C:/Users/ana/AppData/Local"), "Windows 11", home);
        assertThat(win.dataDir().toString().replace('\\', '/')).endsWith("AppData/Local/EdgeDeck");
        AppPaths mac = AppPaths.resolve(Map.of(), "Mac OS X", home);
        assertThat(mac.dataDir()).isEqualTo(Path.of("/home/ana/Library/Application Support/EdgeDeck"));
    }

    @Test
    void edgedeckHomePutsEverythingInOneFolder() {
        AppPaths p = AppPaths.resolve(Map.of("EDGEDECK_HOME", "/portable", "XDG_DATA_HOME", "/data"), "Linux", home);
        assertThat(p.dataDir()).isEqualTo(Path.of("/portable/data"));
        assertThat(p.settingsFile()).isEqualTo(Path.of("/portable/config/settings.json"));
    }
}
