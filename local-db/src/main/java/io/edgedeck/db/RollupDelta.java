package io.edgedeck.db;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one commit adds to the rollups: per resolution, the changed buckets (keyed by {@code device << 43 | bucket}).
 * Energy can be negative here: a late reading that splits an interval already counted takes that interval back out.
 */
final class RollupDelta {
    private final Map<Resolution, Map<Long, RollupBucket>> buckets = new EnumMap<>(Resolution.class);

    RollupDelta() {
        for (Resolution r : Resolution.ROLLUPS) {
            buckets.put(r, new LinkedHashMap<>());
        }
    }

    void reading(int device, long ts, Double[] values) {
        for (Resolution r : Resolution.ROLLUPS) {
            bucket(r, device, ts).addReading(ts, values);
        }
    }

    /**
     * Power integrated over [fromTs, toTs) ({@code kwh} signed, {@code sign} ±1), split over the buckets it crosses in
     * proportion to the time it spends in each (an interval of zero length goes to the bucket of its start).
     */
    void integrated(int device, long fromTs, long toTs, double kwh, int sign) {
        for (Resolution r : Resolution.ROLLUPS) {
            split(r, device, fromTs, toTs, kwh, sign, true);
        }
    }

    /**
     * An energy counter delta over [fromTs, toTs) (signed), split like {@link #integrated} when the interval is at most
     * {@code maxSplitMs} long; a longer gap (the counter kept counting, but when is unknown) goes whole to the bucket
     * of its end, where the counter was read.
     */
    void counter(int device, long fromTs, long toTs, double kwh, int sign, long maxSplitMs) {
        for (Resolution r : Resolution.ROLLUPS) {
            if (toTs - fromTs <= maxSplitMs) {
                split(r, device, fromTs, toTs, kwh, sign, false);
            } else {
                RollupBucket b = bucket(r, device, toTs);
                b.counterKwh += kwh;
                b.counterMs += sign * (toTs - fromTs);
            }
        }
    }

    private void split(Resolution r, int device, long fromTs, long toTs, double kwh, int sign, boolean integrated) {
        long total = toTs - fromTs;
        long start = r.bucketStart(fromTs);
        if (total <= 0 || start + r.bucketMillis() >= toTs) {
            add(bucket(r, device, fromTs), kwh, sign * Math.max(0, total), integrated);
            return;
        }
        for (long b = start; b < toTs; b += r.bucketMillis()) {
            long overlap = Math.min(toTs, b + r.bucketMillis()) - Math.max(fromTs, b);
            add(bucket(r, device, b), kwh * overlap / total, sign * overlap, integrated);
        }
    }

    private static void add(RollupBucket b, double kwh, long ms, boolean integrated) {
        if (integrated) {
            b.integratedKwh += kwh;
            b.integratedMs += ms;
        } else {
            b.counterKwh += kwh;
            b.counterMs += ms;
        }
    }

    Map<Long, RollupBucket> of(Resolution r) {
        return buckets.get(r);
    }

    boolean isEmpty() {
        return buckets.get(Resolution.MINUTE).isEmpty();
    }

    private RollupBucket bucket(Resolution r, int device, long ts) {
        long start = r.bucketStart(ts);
        return buckets.get(r).computeIfAbsent(ReadingKey.of(device, start), k -> new RollupBucket(device, start));
    }
}
