package io.edgedeck.link.codec;

import io.edgedeck.db.DeviceKind;
import io.edgedeck.db.Metric;
import io.edgedeck.db.Reading;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;

/** The values of one device's reading while a message is being read. */
final class ReadingAccumulator {
    static final int PLUG_MASK = bit(Metric.VOLTAGE) | bit(Metric.CURRENT) | bit(Metric.POWER)
            | bit(Metric.ENERGY) | bit(Metric.RELAY);
    static final int SENSOR_MASK = bit(Metric.TEMPERATURE) | bit(Metric.HUMIDITY);
    private static final int MAX_NAMES = 5;

    final double[] values = new double[Metric.values().length];
    int mask;
    List<String> nulls;
    List<String> unknown;

    static int bit(Metric m) {
        return 1 << m.ordinal();
    }

    void put(Metric m, double v) {
        values[m.ordinal()] = v;
        mask |= bit(m);
    }

    boolean has(Metric m) {
        return (mask & bit(m)) != 0;
    }

    void nullField(String name) {
        if (nulls == null) {
            nulls = new ArrayList<>(2);
        }
        if (nulls.size() < MAX_NAMES) {
            nulls.add(MessageDecoder.quote(name));
        }
    }

    void unknown(String name) {
        if (unknown == null) {
            unknown = new ArrayList<>(4);
        }
        if (unknown.size() < MAX_NAMES) {
            unknown.add(MessageDecoder.quote(name));
        }
    }

    /** Why there is nothing to store: the null fields, else the unknown fields found. */
    String nothingReason() {
        if (nulls != null) {
            return "no value: " + String.join(", ", nulls) + (nulls.size() == 1 ? " is" : " are") + " null";
        }
        return "no known numeric field" + (unknown == null ? "" : " (found " + String.join(", ", unknown)
                + ")") + "; expected voltage, current, power, energy, relay_state, temperature, humidity"
                + " or an alias of the mapping rule";
    }

    Reading toReading(String deviceId, DeviceKind kind, long epochMillis) {
        var map = new EnumMap<Metric, Double>(Metric.class);
        for (Metric m : Metric.values()) {
            if ((mask & bit(m)) != 0) {
                map.put(m, values[m.ordinal()]);
            }
        }
        return new Reading(deviceId, kind, epochMillis, map);
    }
}
