package io.edgedeck.services.links;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps {@link DeviceOrigins} across restarts: {@link #start} reads the file into them (before the views show any
 * device), then every change — a new device, or one heard on another broker — is written on a thread of its own, at
 * most once per {@code delay} however many devices change meanwhile; hearing a device on the same connection again
 * writes nothing. {@link #close} writes what is still pending. A renamed profile's devices move to its new name at
 * once ({@link #renamed}).
 */
public final class RememberedOrigins implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RememberedOrigins.class);

    private final DeviceOriginsFile file;
    private final DeviceOrigins origins;
    private final Duration delay;
    private final Optional<String> loadProblem;
    private final ScheduledThreadPoolExecutor writer = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "edgedeck-origins-writer");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicLong writes = new AtomicLong();
    private volatile Map<String, String> written;
    private volatile String lastFailure = "";

    private RememberedOrigins(DeviceOriginsFile file, DeviceOrigins origins, Duration delay, DeviceOriginsFile.Loaded loaded) {
        this.file = file;
        this.origins = origins;
        this.delay = delay;
        this.loadProblem = loaded.problem();
        this.written = Map.copyOf(loaded.origins());
        writer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false); // close() writes what is pending at once
    }

    /** Reads the file into {@code origins} (never fails: see {@link DeviceOriginsFile#load}) and starts keeping them. */
    public static RememberedOrigins start(DeviceOriginsFile file, DeviceOrigins origins, Duration delay) {
        DeviceOriginsFile.Loaded loaded = file.load();
        origins.restore(loaded.origins());
        var kept = new RememberedOrigins(file, origins, delay, loaded);
        origins.onChange(kept::changed);
        if (!loaded.origins().isEmpty()) {
            LOG.info("{} devices' connections remembered from {}", loaded.origins().size(), file.file());
        }
        return kept;
    }

    /** Why the file could not be read at start, if it could not (it was moved aside). */
    public Optional<String> loadProblem() {
        return loadProblem;
    }

    /** How many times the file was written (tests). */
    public long writes() {
        return writes.get();
    }

    /**
     * A profile was renamed from {@code from} to {@code to}: the devices remembered on it move to the new name, and the
     * file is written now (when any moved). Off the FX thread.
     *
     * @return how many devices moved
     */
    public int renamed(String from, String to) {
        int moved = origins.renamed(from, to);
        if (moved > 0) {
            LOG.info("{} devices' connection renamed from '{}' to '{}'", moved, from, to);
            flush();
        }
        return moved;
    }

    private void changed() {
        if (!scheduled.compareAndSet(false, true)) return; // a write is coming and will take this change too
        try {
            writer.schedule(this::flush, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            scheduled.set(false); // closing: close() writes what is left
        }
    }

    /** Writes the origins when they differ from what the file holds. */
    synchronized void flush() {
        scheduled.set(false); // changes from here on schedule another write
        Map<String, String> now = origins.snapshot();
        if (now.equals(written)) return;
        try {
            file.save(now);
            written = now;
            writes.incrementAndGet();
            lastFailure = "";
        } catch (IOException | RuntimeException e) {
            String message = "The devices' connections could not be saved to " + file.file() + ": " + e.getMessage();
            if (!message.equals(lastFailure)) LOG.warn("{}", message); // once, not at every change
            lastFailure = message;
        }
    }

    @Override
    public void close() {
        writer.shutdown(); // a write under way finishes (an interrupt would break it off)
        try {
            writer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }
}
