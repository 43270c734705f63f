package io.edgedeck.app;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where EdgeDeck keeps its files, following each platform's custom: XDG base directories on Linux,
 * ~/Library on macOS, %APPDATA% / %LOCALAPPDATA% on Windows. {@code EDGEDECK_HOME} puts everything under one folder
 * (portable installs, tests).
 */
public record AppPaths(Path configDir, Path dataDir, Path logDir) {

    public static AppPaths forCurrentUser() {
        return resolve(System.getenv(), System.getProperty("os.name", ""), Path.of(System.getProperty("user.home")));
    }

    static AppPaths resolve(Map<String, String> env, String osName, Path home) {
        String portable = env.get("EDGEDECK_HOME");
        if (portable != null && !portable.isBlank()) {
            Path root = Path.of(portable);
            return new AppPaths(root.resolve("config"), root.resolve("data"), root.resolve("logs"));
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            Path roaming = pathOr(env.get("APPDATA"), home.resolve("AppData/Roaming"));
            Path local = pathOr(env.get("LOCALAPPDATA"), home.resolve("AppData/Local"));
            return new AppPaths(roaming.resolve("EdgeDeck"), local.resolve("EdgeDeck"), local.resolve("EdgeDeck/Logs"));
        }
        if (os.contains("mac")) {
            Path lib = home.resolve("Library");
            return new AppPaths(lib.resolve("Preferences/io.edgedeck"), lib.resolve("Application Support/EdgeDeck"),
                    lib.resolve("Logs/EdgeDeck"));
        }
        Path config = pathOr(env.get("XDG_CONFIG_HOME"), home.resolve(".config"));
        Path data = pathOr(env.get("XDG_DATA_HOME"), home.resolve(".local/share"));
        Path state = pathOr(env.get("XDG_STATE_HOME"), home.resolve(".local/state"));
        return new AppPaths(config.resolve("edgedeck"), data.resolve("edgedeck"), state.resolve("edgedeck/logs"));
    }

    /** The default H2 database (H2 adds ".mv.db"). */
    public Path defaultDatabase() {
        return dataDir.resolve("edgedeck");
    }

    public Path settingsFile() {
        return configDir.resolve("settings.json");
    }

    /** The connection each device was last heard on, beside settings.json. */
    public Path deviceOriginsFile() {
        return configDir.resolve(io.edgedeck.services.links.DeviceOriginsFile.FILE_NAME);
    }

    private static Path pathOr(String value, Path fallback) {
        // XDG: a relative path is invalid and must be ignored
        return value != null && !value.isBlank() && Path.of(value).isAbsolute() ? Path.of(value) : fallback;
    }
}
