package io.edgedeck.views.flash;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/** The "FX thread" of view-model tests: work handed to it queues up until the test thread runs it. */
final class FxQueue implements Executor {
    private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    final AtomicInteger posted = new AtomicInteger();

    @Override
    public void execute(Runnable r) {
        posted.incrementAndGet();
        queue.add(r);
    }

    /** Runs queued work on the calling thread until {@code done} holds; fails after {@code timeout}. */
    void runUntil(BooleanSupplier done, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("condition not reached within " + timeout);
            }
            Runnable r = queue.poll(Math.min(left, 50_000_000L), TimeUnit.NANOSECONDS);
            if (r != null) {
                r.run();
            }
        }
    }

    /** Runs everything queued so far. */
    void drain() {
        for (Runnable r; (r = queue.poll()) != null; ) {
            r.run();
        }
    }

    int pending() {
        return queue.size();
    }
}
