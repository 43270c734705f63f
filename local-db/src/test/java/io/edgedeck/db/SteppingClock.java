package io.edgedeck.db;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves on by a fixed step every time it is read, so each audit entry gets its own known time. */
final class SteppingClock extends Clock {
    private final AtomicLong next;
    private final long stepMillis;

    SteppingClock(long startMillis, long stepMillis) {
        this.next = new AtomicLong(startMillis);
        this.stepMillis = stepMillis;
    }

    @Override
    public long millis() {
        return next.getAndAdd(stepMillis);
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }
}
