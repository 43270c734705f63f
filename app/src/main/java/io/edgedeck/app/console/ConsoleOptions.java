package io.edgedeck.app.console;

import java.net.URI;
import java.nio.file.Path;

/**
 * How the console was asked to start.
 *
 * @param broker     broker to connect to for this run, or null for the settings (or the embedded default)
 * @param database   database file, or null for the default one in the data folder
 * @param screenshot if set, save a PNG of the window after {@code screenshotDelaySeconds} and quit
 */
public record ConsoleOptions(URI broker, Path database, int demoPlugs, int demoSensors, Path screenshot,
                             int screenshotDelaySeconds, int screenshotTab) {
}
