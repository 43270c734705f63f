package io.edgedeck.app.console;

import io.edgedeck.link.tls.TlsSettings;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How the console was asked to start.
 *
 * @param broker     broker to connect to for this run, or null for the settings (or the embedded default)
 * @param database   database file, or null for the default one in the data folder
 * @param screenshot if set, save a PNG of the window after {@code screenshotDelaySeconds} and quit
 * @param screenshotDir if set, save every tab in both themes as PNGs there after the delay, and quit
 * @param tls        TLS settings for {@code broker} from the command line (an ssl:// broker without them trusts the
 *                   system's CAs)
 * @param flashImage a firmware image to open on the Flash tab at start, or null
 * @param profile    a saved connection profile to start with instead of the remembered one, or null
 * @param screenshotFirstRun with {@code screenshot}: picture the first start's question over the window instead
 */
public record ConsoleOptions(URI broker, Path database, int demoPlugs, int demoSensors, Path screenshot,
                             int screenshotDelaySeconds, int screenshotTab, Optional<TlsSettings> tls,
                             Path flashImage, Path screenshotDir, String profile, boolean screenshotFirstRun) {
    public ConsoleOptions {
        tls = tls == null ? Optional.empty() : tls;
    }

    public ConsoleOptions(URI broker, Path database, int demoPlugs, int demoSensors, Path screenshot,
                          int screenshotDelaySeconds, int screenshotTab, Optional<TlsSettings> tls,
                          Path flashImage, Path screenshotDir, String profile) {
        this(broker, database, demoPlugs, demoSensors, screenshot, screenshotDelaySeconds, screenshotTab, tls,
                flashImage, screenshotDir, profile, false);
    }

    public ConsoleOptions(URI broker, Path database, int demoPlugs, int demoSensors, Path screenshot,
                          int screenshotDelaySeconds, int screenshotTab, Optional<TlsSettings> tls) {
        this(broker, database, demoPlugs, demoSensors, screenshot, screenshotDelaySeconds, screenshotTab, tls, null, null, null);
    }

    public ConsoleOptions(URI broker, Path database, int demoPlugs, int demoSensors, Path screenshot,
                          int screenshotDelaySeconds, int screenshotTab) {
        this(broker, database, demoPlugs, demoSensors, screenshot, screenshotDelaySeconds, screenshotTab, Optional.empty());
    }
}
