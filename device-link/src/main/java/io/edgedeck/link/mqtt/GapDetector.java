package io.edgedeck.link.mqtt;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Notices holes in a device's series of reading times that are much longer than its usual interval — readings the
 * broker dropped (EdgeDeck itself acknowledges nothing it has not committed). Learns each device's interval from the
 * gaps between its readings (a moving average over the normal ones); judges only once it has seen
 * {@value #LEARNING_READINGS} intervals. A hole counts when it exceeds {@value #GAP_FACTOR} intervals and
 * {@link #MIN_GAP}.
 *
 * <p>A hole is blamed on the broker only when the broker was holding the device's messages for EdgeDeck at the time:
 * the broker link was lost during the hole (an offline persistent session, where a queue limit drops messages), or
 * a reading at either edge of the hole arrived late ({@value #LATE_MIN_MILLIS} ms, or two intervals, after its own
 * time: it waited in the broker's queue — a limit that keeps the oldest messages leaves the hole after them, one that
 * keeps the newest before them). A hole after which the device's reading arrives at once, with the link up all along, is the
 * device's own silence (a Wi-Fi drop, a reboot, a stalled simulator) — its status shows that (stale), not a broker
 * warning. Readings without their own time carry their arrival time and cannot show a broker drop at all.
 *
 * <p>Not a gap either: a device that announced itself offline or online in between (Last Will, availability: its own
 * pause), and a reading older than the newest seen (a redelivery or a late batch).
 *
 * <p>Used by one thread (the ingest writer).
 */
final class GapDetector {
    static final int GAP_FACTOR = 5;
    static final Duration MIN_GAP = Duration.ofSeconds(5);
    static final int LEARNING_READINGS = 4;
    /** A reading that arrives this long (or two intervals) after its own time waited in a backlog. */
    static final long LATE_MIN_MILLIS = 1_000;
    private static final double ALPHA = 0.2;

    private static final class Series {
        long lastMillis = Long.MIN_VALUE;
        long linkEpoch;
        long lastLateBy;
        double intervalMillis = Double.NaN;
        int intervals;
    }

    private final Map<String, Series> devices = new HashMap<>();
    private final LinkWarnings warnings;

    GapDetector(LinkWarnings warnings) {
        this.warnings = warnings;
    }

    /**
     * One reading.
     *
     * @param arrivalTimed  the reading had no time of its own and carries its arrival time
     * @param arrivalMillis when EdgeDeck received it
     * @param linkEpoch     a number that changes whenever the broker link was lost
     */
    void reading(String deviceId, long epochMillis, boolean arrivalTimed, long arrivalMillis, long linkEpoch) {
        Series s = devices.computeIfAbsent(deviceId, id -> new Series());
        long lateBy = arrivalMillis - epochMillis;
        if (s.lastMillis == Long.MIN_VALUE) {
            s.lastMillis = epochMillis;
            s.linkEpoch = linkEpoch;
            s.lastLateBy = lateBy;
            return;
        }
        long delta = epochMillis - s.lastMillis;
        if (delta <= 0) return; // a redelivery, a duplicate or a late reading
        boolean linkLost = s.linkEpoch != linkEpoch;
        long edgeLateBy = Math.max(lateBy, s.lastLateBy); // either reading at the hole's edges waited in a backlog
        s.lastMillis = epochMillis;
        s.linkEpoch = linkEpoch;
        s.lastLateBy = lateBy;
        if (s.intervals >= LEARNING_READINGS && delta > GAP_FACTOR * s.intervalMillis && delta > MIN_GAP.toMillis()) {
            boolean brokerHeldThem = !arrivalTimed
                    && (linkLost || edgeLateBy >= Math.max(LATE_MIN_MILLIS, 2 * Math.round(s.intervalMillis)));
            if (brokerHeldThem) {
                warnings.warn(deviceId, String.format(java.util.Locale.ROOT,
                        "Device %s sent nothing from %s to %s (%s) although it reports every %s: readings were "
                                + "evidently dropped before they reached EdgeDeck (the broker's queue limit?)",
                        deviceId, Instant.ofEpochMilli(epochMillis - delta), Instant.ofEpochMilli(epochMillis),
                        human(delta), human(Math.round(s.intervalMillis))));
            }
            return; // a hole is not an interval: it does not teach the average
        }
        s.intervalMillis = s.intervals == 0 ? delta : s.intervalMillis + ALPHA * (delta - s.intervalMillis);
        s.intervals++;
    }

    /** The device announced a change of its availability: its next silence is its own doing. */
    void availability(String deviceId) {
        Series s = devices.get(deviceId);
        if (s != null) s.lastMillis = Long.MIN_VALUE;
    }

    /** The learnt interval, NaN while learning (for tests). */
    double intervalMillis(String deviceId) {
        Series s = devices.get(deviceId);
        return s == null || s.intervals < LEARNING_READINGS ? Double.NaN : s.intervalMillis;
    }

    static String human(long millis) {
        if (millis < 10_000) return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
        if (millis < 120_000) return (millis / 1000) + " s";
        if (millis < 7_200_000) return (millis / 60_000) + " min";
        return String.format(java.util.Locale.ROOT, "%.1f h", millis / 3_600_000.0);
    }
}
