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

    /** Power integrated from {@code startTs} on (signed), booked in the bucket of the interval's start. */
    void integrated(int device, long startTs, double kwh, long ms) {
        for (Resolution r : Resolution.ROLLUPS) {
            RollupBucket b = bucket(r, device, startTs);
            b.integratedKwh += kwh;
            b.integratedMs += ms;
        }
    }

    /** An energy counter delta up to {@code endTs} (signed), booked in the bucket of the interval's end. */
    void counter(int device, long endTs, double kwh, long ms) {
        for (Resolution r : Resolution.ROLLUPS) {
            RollupBucket b = bucket(r, device, endTs);
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
