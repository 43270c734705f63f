package io.edgedeck.db;

/**
 * How the energy between two consecutive readings of a device is counted in the rollups; pure functions of the two
 * readings, so a late reading can take an interval back out exactly as it was put in.
 *
 * <ul>
 * <li><b>Integrated power</b>: the earlier reading's power held until the later one (W × ms → kWh), only when the
 * readings are at most {@link #MAX_INTEGRATION_GAP_MS} apart — a longer gap is unknown, not zero and not guessed.
 * Split over the buckets the interval crosses, in proportion to its time in each.</li>
 * <li><b>Energy counter</b> (the plug's cumulative kWh): the later value minus the earlier one, whatever the gap (the
 * counter kept counting); a drop means the counter restarted from zero, so the later value itself is the delta.
 * Split like integrated power when the readings are at most {@link #MAX_INTEGRATION_GAP_MS} apart; across a longer
 * gap booked whole in the bucket of the later reading (when the energy was used in the gap is unknown).</li>
 * </ul>
 */
final class EnergyIntervals {
    static final long MAX_INTEGRATION_GAP_MS = 10 * 60_000L;
    private static final double MS_PER_HOUR_TIMES_1000 = 3_600_000.0 * 1000.0;

    /** A stored or new reading of one energy source (power or counter): time and value. */
    record Point(long ts, double value) {
    }

    private EnergyIntervals() {
    }

    /** The longest gap across which the column's interval counts (the counter: any). */
    static long maxGap(Metric column) {
        return column == Metric.POWER ? MAX_INTEGRATION_GAP_MS : Long.MAX_VALUE;
    }

    /** Adds ({@code sign} = 1) or takes out (-1) the interval a → b of {@code column} (POWER or ENERGY). */
    static void book(RollupDelta delta, int device, Metric column, Point a, Point b, int sign) {
        long ms = b.ts() - a.ts();
        if (column == Metric.POWER) {
            if (ms <= MAX_INTEGRATION_GAP_MS) {
                delta.integrated(device, a.ts(), b.ts(), sign * a.value() * ms / MS_PER_HOUR_TIMES_1000, sign);
            }
        } else {
            double d = b.value() - a.value();
            delta.counter(device, a.ts(), b.ts(), sign * (d >= 0 ? d : b.value()), sign, MAX_INTEGRATION_GAP_MS);
        }
    }
}
