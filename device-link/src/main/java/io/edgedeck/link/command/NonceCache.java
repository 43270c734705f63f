package io.edgedeck.link.command;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The nonces of accepted commands, each kept until its command's {@code exp} + clock-skew allowance: after that the
 * command would be refused as expired anyway, so the nonce can be forgotten. Bounded like a device's memory: when
 * full of still-live nonces, a new command is refused rather than an old nonce forgotten (forgetting would allow a
 * replay). Thread-safe.
 */
public final class NonceCache {
    private final int capacity;
    private final Map<String, Instant> forgetAfter = new HashMap<>();

    /** @param capacity at most this many live nonces (10 commands/min × 5.5 min needs 55 per console). */
    public NonceCache(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be positive");
        this.capacity = capacity;
    }

    /**
     * Remembers the nonce until {@code keepUntil} and returns true when it was not known (and there was room);
     * false for a replay or a full cache.
     */
    public synchronized boolean remember(String nonce, Instant keepUntil, Instant now) {
        forgetAfter.values().removeIf(until -> until.isBefore(now));
        if (forgetAfter.containsKey(nonce) || forgetAfter.size() >= capacity) {
            return false;
        }
        forgetAfter.put(nonce, keepUntil);
        return true;
    }

    /** Live nonces held now (for tests and diagnostics). */
    public synchronized int size() {
        return forgetAfter.size();
    }
}
