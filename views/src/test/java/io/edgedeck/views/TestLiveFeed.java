package io.edgedeck.views;

import io.edgedeck.db.CommitResult;
import io.edgedeck.db.IngestBatch;
import io.edgedeck.db.LocalStore;
import io.edgedeck.link.mqtt.IngestListener;
import io.edgedeck.link.mqtt.IngestStats;
import io.edgedeck.link.mqtt.LinkState;
import io.edgedeck.link.mqtt.LiveFeed;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A live feed without a broker: {@link #push} commits a real batch to the store and tells the listeners, on the
 * calling (non-FX) thread, as the ingest pipeline's writer thread would.
 */
public final class TestLiveFeed implements LiveFeed {
    private final LocalStore store;
    private final List<IngestListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<LinkState>> stateListeners = new CopyOnWriteArrayList<>();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong readings = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong quarantined = new AtomicLong();
    private volatile long lastCommit;
    private volatile LinkState state = LinkState.CONNECTED;

    public TestLiveFeed(LocalStore store) {
        this.store = store;
    }

    public CommitResult push(IngestBatch batch) {
        CommitResult r = store.writer().commit(batch);
        messages.addAndGet(Math.max(1, batch.readings().size() + batch.quarantined().size() + batch.availability().size()));
        readings.addAndGet(r.readingsStored());
        duplicates.addAndGet(r.duplicates());
        quarantined.addAndGet(r.quarantined());
        lastCommit = System.currentTimeMillis();
        listeners.forEach(l -> l.committed(batch, r));
        return r;
    }

    public void setState(LinkState s) {
        state = s;
        stateListeners.forEach(l -> l.accept(s));
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
        return new IngestStats(messages.get(), readings.get(), duplicates.get(), quarantined.get(), lastCommit, state);
    }
}
