package io.edgedeck.link.codec;

import io.edgedeck.db.Metric;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * The readings one JSON object holds: the device's own (channel 0) and those of its channels (channel n is device
 * {@code <id>-n}: a Tasmota meter's {@code "Power":[52,5]}, {@code POWER2}, {@code DS18B20-2}, Shelly's
 * {@code switch:1}), with the object's time and temperature unit, which apply to all of them.
 */
final class ChannelReadings {
    private static final int MAX_CHANNELS = 64;

    final ReadingAccumulator base = new ReadingAccumulator();
    private TreeMap<Integer, ReadingAccumulator> channels;
    long ts;
    boolean hasTs;
    String tempUnit;

    ReadingAccumulator at(int channel) {
        if (channel <= 0) {
            return base;
        }
        if (channels == null) {
            channels = new TreeMap<>();
        }
        ReadingAccumulator a = channels.get(channel);
        if (a == null) {
            if (channels.size() >= MAX_CHANNELS) {
                throw new DecodeProblem("more than " + MAX_CHANNELS + " channels in one message");
            }
            a = new ReadingAccumulator();
            channels.put(channel, a);
        }
        return a;
    }

    boolean hasValue() {
        if (base.mask != 0) {
            return true;
        }
        if (channels != null) {
            for (ReadingAccumulator a : channels.values()) {
                if (a.mask != 0) {
                    return true;
                }
            }
        }
        return false;
    }

    void ts(long ms) {
        ts = ms;
        hasTs = true;
    }

    /** Each accumulator holding values, with its channel (0 for the device itself), channels in ascending order. */
    void forEachWithValues(BiConsumer<Integer, ReadingAccumulator> action) {
        if (base.mask != 0) {
            action.accept(0, base);
        }
        if (channels != null) {
            for (Map.Entry<Integer, ReadingAccumulator> e : channels.entrySet()) {
                if (e.getValue().mask != 0) {
                    action.accept(e.getKey(), e.getValue());
                }
            }
        }
    }

    /** Converts every value from the rule's units (and the payload's temperature unit) to EdgeDeck's. */
    void convertUnits(CompiledRule rule) {
        Units.Conversion temperature = rule.unit(Metric.TEMPERATURE);
        if (tempUnit != null) {
            temperature = Units.conversion(Metric.TEMPERATURE, tempUnit).orElseThrow(() -> new DecodeProblem(
                    "temperature unit " + MessageDecoder.quote(tempUnit) + " is not C, F or K"));
        }
        Units.Conversion t = temperature;
        forEachWithValues((c, a) -> {
            for (Metric m : Metric.values()) {
                if (m == Metric.RELAY || !a.has(m)) {
                    continue;
                }
                Units.Conversion conv = m == Metric.TEMPERATURE ? t : rule.unit(m);
                if (conv != Units.Conversion.NONE) {
                    double v = conv.apply(a.values[m.ordinal()]);
                    if (!Double.isFinite(v)) {
                        throw new DecodeProblem("field \"" + m.key() + "\" is out of range after unit conversion");
                    }
                    a.values[m.ordinal()] = v;
                }
            }
        });
    }
}
