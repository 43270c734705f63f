package io.edgedeck.services.alerts;

import io.edgedeck.db.AlertStore;
import io.edgedeck.db.DeviceRecord;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An {@link AlertEngine} on a thread of its own ({@code edgedeck-alerts}) with its once-a-second tick; closing stops
 * both. What the console and {@code collect} run.
 */
public final class AlertTimer implements AutoCloseable {
    private final ScheduledExecutorService thread;
    private final AlertEngine engine;

    /** Creates the engine; call {@link #start} after adding listeners. */
    public AlertTimer(AlertStore store, Clock clock) {
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "edgedeck-alerts");
            t.setDaemon(true);
            return t;
        });
        engine = new AlertEngine(store, clock, thread);
    }

    public AlertEngine engine() {
        return engine;
    }

    /** Loads rules, active alarms and the known devices, then ticks every {@code period}. */
    public AlertTimer start(List<DeviceRecord> knownDevices, Duration period) {
        engine.start(knownDevices);
        thread.scheduleWithFixedDelay(engine::tick, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Lets the queued evaluations finish (a few seconds at most), then stops. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
