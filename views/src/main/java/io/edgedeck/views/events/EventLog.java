package io.edgedeck.views.events;

import io.edgedeck.views.events.LoggedEvent.Severity;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The console's recent errors and notable events (connection changes, command outcomes, flash and export results),
 * newest last, at most {@link #CAPACITY}. Any thread may publish; the list changes on the FX thread. One instance per
 * window, handed to whoever publishes.
 */
public final class EventLog {
    public static final int CAPACITY = 1_000;

    private final ObservableList<LoggedEvent> events = FXCollections.observableArrayList();
    private final ObservableList<LoggedEvent> readOnly = FXCollections.unmodifiableObservableList(events);
    private final Executor fx;
    private final Clock clock;
    private final int capacity;

    /** @param fx runs on the FX thread ({@code Platform::runLater}; {@code Runnable::run} in tests) */
    public EventLog(Executor fx, Clock clock) {
        this(fx, clock, CAPACITY);
    }

    EventLog(Executor fx, Clock clock, int capacity) {
        this.fx = Objects.requireNonNull(fx, "fx");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.capacity = capacity;
    }

    public void info(String source, String message) {
        publish(Severity.INFO, source, message, "");
    }

    public void warning(String source, String message, String details) {
        publish(Severity.WARNING, source, message, details);
    }

    public void error(String source, String message, String details) {
        publish(Severity.ERROR, source, message, details);
    }

    /** Adds an entry stamped now; the oldest goes when the log is full. */
    public void publish(Severity severity, String source, String message, String details) {
        var e = new LoggedEvent(clock.instant(), severity, source, message, details);
        fx.execute(() -> {
            events.add(e);
            if (events.size() > capacity) {
                events.remove(0, events.size() - capacity);
            }
        });
    }

    /** The entries, oldest first (FX thread). */
    public ObservableList<LoggedEvent> events() {
        return readOnly;
    }

    public void clear() {
        fx.execute(events::clear);
    }
}
