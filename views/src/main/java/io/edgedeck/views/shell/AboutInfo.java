package io.edgedeck.views.shell;

import java.nio.file.Path;

/**
 * What Help → About says about this installation.
 *
 * @param version      EdgeDeck's version
 * @param database     the database file (or "in memory")
 * @param dataFolder   the data folder (database, operator keys)
 * @param settingsFile settings.json
 * @param logFolder    the log folder
 */
public record AboutInfo(String version, String database, Path dataFolder, Path settingsFile, Path logFolder) {
}
