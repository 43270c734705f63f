package io.edgedeck.app.console;

import io.edgedeck.db.CommitResult;
import io.edgedeck.db.IngestBatch;
import io.edgedeck.link.mqtt.IngestListener;
import io.edgedeck.link.mqtt.IngestPipeline;
import io.edgedeck.link.mqtt.IngestStats;
import io.edgedeck.link.mqtt.LinkState;
import io.edgedeck.link.mqtt.LiveFeed;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The live feed the window listens to, whichever pipeline is current: the console attaches each new pipeline when it
 * switches connections, and events of a pipeline that is no longer current are dropped (a pipeline cannot forget a
 * listener, so each attachment is tagged with its generation).
 */
final class SwitchableFeed implements LiveFeed {
    private static final IngestStats NONE = new IngestStats(0, 0, 0, 0, 0, LinkState.DISCONNECTED);

    private final List<IngestListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<LinkState>> stateListeners = new CopyOnWriteArrayList<>();
    private volatile IngestPipeline current;
    private volatile long generation;

    /** Makes {@code pipeline} the source from now on. */
    void attach(IngestPipeline pipeline, long gen) {
        generation = gen;
        current = pipeline;
        pipeline.addListener((IngestBatch batch, CommitResult result) -> {
            if (generation == gen) {
                for (IngestListener l : listeners) l.committed(batch, result);
            }
        });
        pipeline.addStateListener(state -> {
            if (generation == gen) {
                for (Consumer<LinkState> l : stateListeners) l.accept(state);
            }
        });
        stateListeners.forEach(l -> l.accept(pipeline.state()));
    }

    /** No source until the next {@link #attach}: the window shows "Disconnected". */
    void detach() {
        generation = -1;
        current = null;
        stateListeners.forEach(l -> l.accept(LinkState.DISCONNECTED));
    }

    IngestPipeline current() {
        return current;
    }

    @Override
    public void addListener(IngestListener listener) {
        listeners.add(listener);
    }

    @Override
    public void addStateListener(Consumer<LinkState> listener) {
        stateListeners.add(listener);
    }

    @Override
    public IngestStats stats() {
        IngestPipeline p = current;
        return p == null ? NONE : p.stats();
    }
}
