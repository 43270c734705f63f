package io.edgedeck.views.flash;

import io.edgedeck.link.esp32.flash.FlashProgress;
import io.edgedeck.link.esp32.flash.Progress;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * Receives progress on the flashing thread and hands it to the FX thread coalesced: at most one hand-over is queued
 * at a time, and block-by-block reports are passed on at most every {@link #MIN_INTERVAL_NANOS}; only the newest
 * report counts. Phase or region changes are never lost: they are collected and delivered with the next hand-over.
 */
final class ProgressCoalescer implements FlashProgress {
    static final long MIN_INTERVAL_NANOS = 80_000_000L;

    /** A report with the time it was made on the flashing thread. */
    record Stamped(Progress progress, long nanos) {
    }

    private final Executor fx;
    private final BiConsumer<List<Stamped>, Stamped> onFx;
    private final LongSupplier nanoTime;
    private final AtomicReference<Stamped> latest = new AtomicReference<>();
    private final Queue<Stamped> transitions = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean queued = new AtomicBoolean();
    private volatile long lastPost = Long.MIN_VALUE;
    private Progress previous; // flashing thread only

    /**
     * @param onFx on the FX thread: the phase/region changes since the last call (in order), then the newest report
     */
    ProgressCoalescer(Executor fx, LongSupplier nanoTime, BiConsumer<List<Stamped>, Stamped> onFx) {
        this.fx = fx;
        this.nanoTime = nanoTime;
        this.onFx = onFx;
    }

    @Override
    public void onProgress(Progress p) {
        long now = nanoTime.getAsLong();
        Stamped s = new Stamped(p, now);
        latest.set(s);
        boolean transition = previous == null || previous.phase() != p.phase() || previous.region() != p.region();
        previous = p;
        if (transition) {
            transitions.add(s);
        }
        if ((transition || now - lastPost >= MIN_INTERVAL_NANOS) && queued.compareAndSet(false, true)) {
            lastPost = now;
            fx.execute(this::deliver);
        }
    }

    /** On the FX thread when the flash has returned: hands over whatever is still pending. */
    void drain() {
        deliver();
    }

    private void deliver() {
        queued.set(false);
        List<Stamped> changes = new ArrayList<>();
        for (Stamped s; (s = transitions.poll()) != null; ) {
            changes.add(s);
        }
        onFx.accept(changes, latest.get());
    }
}
