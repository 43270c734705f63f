package io.edgedeck.link.mqtt;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Stops taking messages from the connection while too many are waiting for their commit, so that a broker that sends
 * more than the receive maximum allows is held back by TCP instead of overrunning the client.
 *
 * <p>Why: Mosquitto 2.0.11 and 2.0.12 refill a client's in-flight window on every PUBACK by the acknowledged message's
 * position in its in-flight list instead of by the number in flight; acknowledging the oldest message (the MQTT client
 * acknowledges in arrival order) lets it move up to a whole receive maximum of queued messages into flight each time.
 * With a backlog the broker then sends everything it holds; the HiveMQ client counts more unacknowledged messages than
 * the receive maximum and disconnects (MQTT 5), or meets a reused packet identifier (MQTT 3.1.1). Fixed in Mosquitto
 * 2.0.13 ("Various fixes around inflight quota management").
 *
 * <p>{@link #admit()} runs on the client's event loop before a message is handed over: while {@code limit} messages
 * are handed over and not yet acknowledged it waits, so the event loop reads no more from the socket. The writer's
 * acknowledgements need no event loop to be counted ({@link #acknowledged}), so the wait always ends when a commit
 * does. It waits at most {@code longestPause} per pause (a store that keeps failing must not hold the connection's
 * keep-alive), then lets messages through until the count falls below the limit again. HiveMQ clients of one JVM share
 * Netty's event-loop threads, so a pause may also delay another connection's messages by up to one commit.
 *
 * <p>The limit must stay well below the receive maximum announced: acknowledgements made while the event loop waits
 * are sent only after it has finished the socket read it was in (up to 16 buffers, thousands of messages).
 */
final class ReadPause {
    private static final Logger LOG = LoggerFactory.getLogger(ReadPause.class);

    private final int limit;
    private final long longestPauseNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition room = lock.newCondition();
    private long waiting;
    private boolean gaveUp;
    private boolean open = true;
    private long pauses;

    ReadPause(int limit, Duration longestPause) {
        if (limit < 1) throw new IllegalArgumentException("limit must be at least 1: " + limit);
        this.limit = limit;
        this.longestPauseNanos = longestPause.toNanos();
    }

    /** Counts one message handed over; first waits while {@code limit} are unacknowledged. */
    void admit() throws InterruptedException {
        lock.lock();
        try {
            if (waiting >= limit && open && !gaveUp) {
                pauses++;
                long left = longestPauseNanos;
                while (waiting >= limit && open && left > 0) {
                    left = room.awaitNanos(left);
                }
                if (waiting >= limit && open) {
                    gaveUp = true;
                    LOG.debug("{} messages wait for their commit after {} ms; reading on", waiting,
                            TimeUnit.NANOSECONDS.toMillis(longestPauseNanos));
                }
            }
            waiting++;
        } finally {
            lock.unlock();
        }
    }

    /** {@code n} messages were acknowledged, or will never be (dropped before their commit). */
    void acknowledged(int n) {
        lock.lock();
        try {
            waiting = Math.max(0, waiting - n);
            if (waiting < limit) {
                gaveUp = false;
                room.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Ends every wait for good (closing). */
    void stop() {
        lock.lock();
        try {
            open = false;
            room.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Messages handed over and not yet acknowledged. */
    long waiting() {
        lock.lock();
        try {
            return waiting;
        } finally {
            lock.unlock();
        }
    }

    /** Times reading paused since the start. */
    long pauses() {
        lock.lock();
        try {
            return pauses;
        } finally {
            lock.unlock();
        }
    }
}
