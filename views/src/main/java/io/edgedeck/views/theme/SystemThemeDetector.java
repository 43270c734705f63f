package io.edgedeck.views.theme;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Asks the operating system whether it prefers a light or a dark look: GNOME's {@code color-scheme} (or a
 * {@code GTK_THEME} ending in {@code -dark}) on Linux, {@code AppleInterfaceStyle} on macOS, {@code AppsUseLightTheme}
 * in the Windows registry. Runs a small command with a timeout: call it off the FX thread. Empty when the system
 * does not say.
 */
public final class SystemThemeDetector {
    private static final Logger LOG = LoggerFactory.getLogger(SystemThemeDetector.class);

    private final String osName;
    private final Map<String, String> env;
    private final Duration timeout;

    public SystemThemeDetector(String osName, Map<String, String> env, Duration timeout) {
        this.osName = osName.toLowerCase(Locale.ROOT);
        this.env = env;
        this.timeout = timeout;
    }

    /** For the running JVM's OS and environment, 2 s per command. */
    public static SystemThemeDetector forThisMachine() {
        return new SystemThemeDetector(System.getProperty("os.name", ""), System.getenv(), Duration.ofSeconds(2));
    }

    public Optional<Theme> detect() {
        if (osName.contains("win")) {
            return run("reg", "query", "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize",
                    "/v", "AppsUseLightTheme").flatMap(SystemThemeDetector::fromWindowsRegistry);
        }
        if (osName.contains("mac")) {
            // the key exists only in dark mode: "does not exist" (exit 1) means light
            return Optional.of(run("defaults", "read", "-g", "AppleInterfaceStyle")
                    .flatMap(SystemThemeDetector::fromMacDefaults).orElse(Theme.LIGHT));
        }
        Optional<Theme> gtk = fromGtkTheme(env.get("GTK_THEME"));
        if (gtk.isPresent()) {
            return gtk;
        }
        return run("gsettings", "get", "org.gnome.desktop.interface", "color-scheme")
                .flatMap(SystemThemeDetector::fromGnomeColorScheme);
    }

    /** {@code 'prefer-dark'} → dark, {@code 'prefer-light'} → light, {@code 'default'} → nothing said. */
    static Optional<Theme> fromGnomeColorScheme(String output) {
        String v = output.strip().replace("'", "");
        return switch (v) {
            case "prefer-dark" -> Optional.of(Theme.DARK);
            case "prefer-light" -> Optional.of(Theme.LIGHT);
            default -> Optional.empty();
        };
    }

    /** {@code Adwaita:dark} or {@code Yaru-dark} → dark; any other named theme says nothing. */
    static Optional<Theme> fromGtkTheme(String gtkTheme) {
        if (gtkTheme == null || gtkTheme.isBlank()) {
            return Optional.empty();
        }
        String t = gtkTheme.strip().toLowerCase(Locale.ROOT);
        return t.endsWith("-dark") || t.endsWith(":dark") ? Optional.of(Theme.DARK) : Optional.empty();
    }

    static Optional<Theme> fromMacDefaults(String output) {
        return output.strip().equalsIgnoreCase("dark") ? Optional.of(Theme.DARK) : Optional.empty();
    }

    /** The line {@code AppsUseLightTheme    REG_DWORD    0x0} (0: dark, 1: light). */
    static Optional<Theme> fromWindowsRegistry(String output) {
        for (String line : output.split("\\R")) {
            if (line.contains("AppsUseLightTheme")) {
                String value = line.strip().replaceAll(".*\\s", "");
                if (value.equalsIgnoreCase("0x0")) {
                    return Optional.of(Theme.DARK);
                }
                if (value.equalsIgnoreCase("0x1")) {
                    return Optional.of(Theme.LIGHT);
                }
            }
        }
        return Optional.empty();
    }

    /** The command's standard output if it ran and exited 0 in time; empty otherwise (missing tool, timeout). */
    private Optional<String> run(String... command) {
        Process p;
        try {
            p = new ProcessBuilder(List.of(command)).redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            LOG.debug("{} not available: {}", command[0], e.getMessage());
            return Optional.empty();
        }
        try (InputStream out = p.getInputStream()) {
            p.getOutputStream().close();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                LOG.debug("{} took longer than {}", command[0], timeout);
                return Optional.empty();
            }
            String text = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            return p.exitValue() == 0 ? Optional.of(text) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return Optional.empty();
        }
    }
}
