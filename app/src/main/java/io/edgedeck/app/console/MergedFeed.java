package io.edgedeck.app.console;

import io.edgedeck.link.mqtt.IngestListener;
import io.edgedeck.link.mqtt.IngestStats;
import io.edgedeck.link.mqtt.LinkState;
import io.edgedeck.link.mqtt.LiveFeed;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * What the window listens to when several connections are up: the commits of every connection (they all write to the
 * one store), the link state of the primary one, and the counters of all of them added up.
 */
final class MergedFeed implements LiveFeed {
    private final SwitchableFeed primary;
    private final List<SwitchableFeed> others = new CopyOnWriteArrayList<>();
    private final List<IngestListener> listeners = new CopyOnWriteArrayList<>();

    MergedFeed(SwitchableFeed primary) {
        this.primary = primary;
        forward(primary);
    }

    /** A connection added with "Connect as well": its commits reach the window from now on. */
    void add(SwitchableFeed feed) {
        others.add(feed);
        forward(feed);
    }

    /** The connection is gone (its feed is detached already, so nothing more comes from it). */
    void remove(SwitchableFeed feed) {
        others.remove(feed);
    }

    private void forward(SwitchableFeed feed) {
        feed.addListener((batch, result) -> {
            for (IngestListener l : listeners) l.committed(batch, result);
        });
    }

    @Override
    public void addListener(IngestListener listener) {
        listeners.add(listener);
    }

    @Override
    public void addStateListener(Consumer<LinkState> listener) {
        primary.addStateListener(listener);
    }

    @Override
    public IngestStats stats() {
        IngestStats p = primary.stats();
        long messages = p.messages(), readings = p.readings(), duplicates = p.duplicates(), quarantined = p.quarantined();
        long last = p.lastCommitMillis(), reconnects = p.reconnects(), warnings = p.dropWarnings();
        for (SwitchableFeed f : others) {
            IngestStats s = f.stats();
            messages += s.messages();
            readings += s.readings();
            duplicates += s.duplicates();
            quarantined += s.quarantined();
            last = Math.max(last, s.lastCommitMillis());
            reconnects += s.reconnects();
            warnings += s.dropWarnings();
        }
        return new IngestStats(messages, readings, duplicates, quarantined, last, p.state(), reconnects, warnings);
    }
}
