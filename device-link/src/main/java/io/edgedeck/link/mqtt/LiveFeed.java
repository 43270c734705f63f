package io.edgedeck.link.mqtt;

import java.util.function.Consumer;

/** What a live view needs from ingest: commits as they happen, counters, and the link state. */
public interface LiveFeed {
    void addListener(IngestListener listener);

    void addStateListener(Consumer<LinkState> listener);

    IngestStats stats();
}
