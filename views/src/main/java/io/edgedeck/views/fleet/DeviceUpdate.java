package io.edgedeck.views.fleet;

import io.edgedeck.db.DeviceKind;
import io.edgedeck.db.Metric;

import java.util.EnumMap;
import java.util.Map;

/**
 * What arrived for one device since the last UI pulse, merged: per metric only the newest value, the newest
 * online/offline announcement, the newest arrival time, and the oldest time of anything in it ({@code earliestMillis},
 * 0 for none: a late reading, e.g. history written behind the live ones, moves the device's first seen back).
 * Immutable; merging makes a new one.
 */
record DeviceUpdate(String id, DeviceKind kind, Map<Metric, Sample> values, Boolean online, long onlineAtMillis,
                    long seenMillis, long earliestMillis) {

    DeviceUpdate(String id, DeviceKind kind, Map<Metric, Sample> values, Boolean online, long onlineAtMillis,
                 long seenMillis) {
        this(id, kind, values, online, onlineAtMillis, seenMillis, 0);
    }

    /** A metric's value and the time it was measured. */
    record Sample(double value, long atMillis) {
    }

    static DeviceUpdate ofReading(String id, DeviceKind kind, Map<Metric, Double> values, long readingMillis,
                                  long arrivedMillis) {
        var m = new EnumMap<Metric, Sample>(Metric.class);
        values.forEach((metric, v) -> {
            if (v != null) {
                m.put(metric, new Sample(v, readingMillis));
            }
        });
        return new DeviceUpdate(id, kind, m, Boolean.TRUE, readingMillis, arrivedMillis, readingMillis);
    }

    static DeviceUpdate ofAvailability(String id, DeviceKind kind, boolean online, long atMillis, long arrivedMillis) {
        return new DeviceUpdate(id, kind, Map.of(), online, atMillis, arrivedMillis);
    }

    /** This update followed by {@code later}: newer samples win per metric, the newer announcement wins. */
    DeviceUpdate merge(DeviceUpdate later) {
        var m = values.isEmpty() ? new EnumMap<Metric, Sample>(Metric.class) : new EnumMap<>(values);
        later.values.forEach((metric, s) -> m.merge(metric, s, (old, neu) -> neu.atMillis >= old.atMillis ? neu : old));
        boolean laterWins = later.online != null && (online == null || later.onlineAtMillis >= onlineAtMillis);
        return new DeviceUpdate(id, later.kind, m,
                laterWins ? later.online : online,
                laterWins ? later.onlineAtMillis : onlineAtMillis,
                Math.max(seenMillis, later.seenMillis),
                earliestMillis == 0 ? later.earliestMillis
                        : later.earliestMillis == 0 ? earliestMillis : Math.min(earliestMillis, later.earliestMillis));
    }
}
