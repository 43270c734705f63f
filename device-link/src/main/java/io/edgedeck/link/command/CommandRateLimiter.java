package io.edgedeck.link.command;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * At most {@code limit} commands per device in any rolling {@code window} (the brief: 10 per minute). Ask it before
 * signing: a refused command is never signed. Thread-safe.
 */
public final class CommandRateLimiter {
    public static final int DEFAULT_LIMIT = 10;
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);

    private final Clock clock;
    private final int limit;
    private final Duration window;
    private final Map<String, Deque<Instant>> sent = new HashMap<>();

    public CommandRateLimiter(Clock clock) {
        this(clock, DEFAULT_LIMIT, DEFAULT_WINDOW);
    }

    public CommandRateLimiter(Clock clock, int limit, Duration window) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (limit < 1) throw new IllegalArgumentException("limit must be positive");
        this.limit = limit;
        this.window = Objects.requireNonNull(window, "window");
    }

    /** The length of the window the limit counts over. */
    public Duration window() {
        return window;
    }

    /**
     * Counts commands sent to the device earlier, e.g. by a previous run of the command line (read back from the
     * audit log), so the limit holds across processes. Times outside the window are ignored.
     */
    public synchronized void remember(String deviceId, java.util.Collection<Instant> sentAt) {
        Instant now = clock.instant();
        Deque<Instant> times = sent.computeIfAbsent(deviceId, d -> new ArrayDeque<>());
        java.util.List<Instant> merged = new java.util.ArrayList<>(times);
        sentAt.stream().filter(t -> t.plus(window).isAfter(now) && !t.isAfter(now)).forEach(merged::add);
        merged.sort(null);
        times.clear();
        times.addAll(merged);
    }

    /**
     * Counts one command for the device, or refuses it.
     *
     * @throws RateLimitExceededException when the device already had {@code limit} commands in the window
     */
    public synchronized void acquire(String deviceId) {
        Instant now = clock.instant();
        Deque<Instant> times = sent.computeIfAbsent(deviceId, d -> new ArrayDeque<>());
        while (!times.isEmpty() && !times.peekFirst().plus(window).isAfter(now)) {
            times.removeFirst();
        }
        if (times.size() >= limit) {
            Duration wait = Duration.between(now, times.peekFirst().plus(window));
            throw new RateLimitExceededException(deviceId, limit, window, wait);
        }
        times.addLast(now);
    }
}
