package io.edgedeck.views;

/**
 * What the console shows about its own setup.
 *
 * @param brokerDescription the broker as a person reads it, e.g. "built-in broker localhost:1883"
 * @param demoFleet         true when the devices are the built-in simulator's
 * @param databaseLocation  where the local database lives ("in memory" for throw-away runs)
 */
public record ConsoleInfo(String brokerDescription, boolean demoFleet, String databaseLocation) {
}
