package io.edgedeck.services.links;

import io.edgedeck.link.mqtt.ConnectionEvent;
import io.edgedeck.link.mqtt.LinkWarning;

import java.util.List;

/**
 * The console's broker connections that are up (or trying to be) at the same time: what the status bar's chips, the
 * connections window and the drop warnings read. Thread-safe; reads are cheap (no I/O).
 */
public interface LiveConnections {
    /** Each connection, the primary one first. */
    List<ConnectionSnapshot> connections();

    /** The state changes of the named connection with their causes, oldest first (empty for an unknown name). */
    List<ConnectionEvent> log(String name);

    /** Signs that the named connection's broker dropped readings, oldest first. */
    List<LinkWarning> dropWarnings(String name);

    /** None at all (a window without a link, tests). */
    static LiveConnections none() {
        return new LiveConnections() {
            @Override
            public List<ConnectionSnapshot> connections() {
                return List.of();
            }

            @Override
            public List<ConnectionEvent> log(String name) {
                return List.of();
            }

            @Override
            public List<LinkWarning> dropWarnings(String name) {
                return List.of();
            }
        };
    }
}
