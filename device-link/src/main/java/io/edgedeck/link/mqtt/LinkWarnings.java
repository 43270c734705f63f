package io.edgedeck.link.mqtt;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;

/**
 * Warnings that readings were evidently dropped before they reached EdgeDeck: a count since the start (for a status
 * bar badge and the metrics) and the last {@value #CAPACITY} warnings. Each warning is logged once. Thread-safe.
 */
public final class LinkWarnings {
    private static final Logger LOG = LoggerFactory.getLogger(LinkWarnings.class);
    /** Warnings kept; older ones are dropped (the count goes on). */
    public static final int CAPACITY = 100;

    private final Clock clock;
    private final ArrayDeque<LinkWarning> recent = new ArrayDeque<>(CAPACITY);
    private long count;

    public LinkWarnings(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    void warn(String deviceId, String message) {
        LOG.warn("{}", message);
        synchronized (this) {
            if (recent.size() == CAPACITY) recent.removeFirst();
            recent.addLast(new LinkWarning(clock.instant(), deviceId, message));
            count++;
        }
    }

    /** Warnings since the start. */
    public synchronized long count() {
        return count;
    }

    /** The kept warnings, oldest first. */
    public synchronized List<LinkWarning> recent() {
        return List.copyOf(recent);
    }
}
