package io.edgedeck.link.mqtt;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;

/**
 * The last {@value #CAPACITY} state changes of a broker link, oldest first: what a status bar's connection log shows.
 * Thread-safe; written by the client threads that change the state, read by anyone.
 */
public final class ConnectionLog {
    /** Changes kept; older ones are dropped. */
    public static final int CAPACITY = 200;

    private final Clock clock;
    private final ArrayDeque<ConnectionEvent> events = new ArrayDeque<>(CAPACITY);
    private long recorded;

    public ConnectionLog(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    synchronized void record(LinkState from, LinkState to, String cause) {
        if (events.size() == CAPACITY) events.removeFirst();
        events.addLast(new ConnectionEvent(clock.instant(), from, to, cause == null ? "" : cause));
        recorded++;
    }

    /** The kept changes, oldest first. */
    public synchronized List<ConnectionEvent> events() {
        return List.copyOf(events);
    }

    /** Every change recorded since the start, including those no longer kept. */
    public synchronized long recorded() {
        return recorded;
    }
}
