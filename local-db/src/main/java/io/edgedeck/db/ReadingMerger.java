package io.edgedeck.db;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds readings of one batch that share (device, time) into one row: the row gets every metric any of them carries;
 * when two carry the same metric, the first one's value is kept (as with redeliveries: what was stored first wins).
 * Non-finite values (NaN, infinity) are dropped: they would poison charts and min/max.
 */
final class ReadingMerger {
    /** One row to insert. {@code values} is indexed by {@link Metric#ordinal()}; null = absent. */
    record Row(String deviceKey, DeviceKind kind, long ts, Double[] values) {
    }

    private record Key(String deviceKey, long ts) {
    }

    private ReadingMerger() {
    }

    static List<Row> merge(List<Reading> readings) {
        Map<Key, Row> rows = new LinkedHashMap<>(Math.max(16, readings.size() * 2));
        for (Reading r : readings) {
            Row row = rows.computeIfAbsent(new Key(r.deviceId(), r.epochMillis()),
                    k -> new Row(k.deviceKey, r.kind(), k.ts, new Double[Metric.values().length]));
            for (Map.Entry<Metric, Double> e : r.values().entrySet()) {
                Double v = e.getValue();
                int i = e.getKey().ordinal();
                if (v != null && Double.isFinite(v) && row.values[i] == null) {
                    row.values[i] = v;
                }
            }
        }
        return new ArrayList<>(rows.values());
    }

    /** The values of one stored row as a map (absent metrics left out). */
    static Map<Metric, Double> toMap(Double[] values) {
        Map<Metric, Double> m = new EnumMap<>(Metric.class);
        for (Metric metric : Metric.values()) {
            if (values[metric.ordinal()] != null) {
                m.put(metric, values[metric.ordinal()]);
            }
        }
        return m;
    }
}
