package io.edgedeck.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test data helpers. */
final class Fixtures {
    static final long T0 = 1_732_550_400_000L; // 2024-11-25T16:00:00Z

    private Fixtures() {
    }

    static Reading plug(String id, long ts, double power) {
        return new Reading(id, DeviceKind.PLUG, ts, Map.of(Metric.POWER, power, Metric.VOLTAGE, 230.0));
    }

    static Reading sensor(String id, long ts, double temperature, double humidity) {
        return new Reading(id, DeviceKind.SENSOR, ts, Map.of(Metric.TEMPERATURE, temperature, Metric.HUMIDITY, humidity));
    }

    /** {@code n} plug readings one second apart starting at {@code start}, power = i. */
    static List<Reading> plugSeries(String id, long start, int n) {
        List<Reading> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(plug(id, start + i * 1000L, i));
        }
        return out;
    }
}
