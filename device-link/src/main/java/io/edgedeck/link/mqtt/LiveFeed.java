package io.edgedeck.link.mqtt;

import java.util.List;
import java.util.function.Consumer;

/** What a live view needs from ingest: commits as they happen, counters, the link state and its history. */
public interface LiveFeed {
    void addListener(IngestListener listener);

    void addStateListener(Consumer<LinkState> listener);

    IngestStats stats();

    /** The link's last state changes with their causes, oldest first (a status bar's connection log). */
    default List<ConnectionEvent> connectionLog() {
        return List.of();
    }

    /** Signs that the broker dropped readings (gaps in a device's series, a lost session), oldest first. */
    default List<LinkWarning> dropWarnings() {
        return List.of();
    }
}
