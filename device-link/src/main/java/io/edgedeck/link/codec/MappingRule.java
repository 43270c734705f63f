package io.edgedeck.link.codec;

import io.edgedeck.db.DeviceKind;
import io.edgedeck.db.Metric;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of a {@link TopicMapping}: which topics it applies to, how their payloads are written and what device they
 * come from.
 *
 * @param topic   pattern such as {@code smartplug/{device_id}/telemetry}; {@code {device_id}} (a whole level) gives
 *                the device id, {@code +} and a trailing {@code #} are MQTT wildcards
 * @param kind    the device kind, or null to infer it per message (power, voltage, current, energy or relay: PLUG;
 *                else temperature or humidity: SENSOR; availability alone: GENERIC)
 * @param format  how the payload is written
 * @param device  fixed device id for every topic of this rule, or null: then the {@code {device_id}} level, or, if the
 *                pattern has none, the topic with {@code /} replaced by {@code -} (e.g. {@code iot/data -> iot-data})
 * @param metric  for {@link PayloadFormat#VALUE} only: what the bare value is
 * @param aliases payload field name (matched case-insensitively; {@code a.b} reaches field b inside object a) to
 *                target: a metric key, {@code relay_state}, {@code ts} or {@code ignore}
 * @param scale   factor applied to a metric's value after aliasing, e.g. {@code current: 0.001} for mA
 */
public record MappingRule(String topic, DeviceKind kind, PayloadFormat format, String device, Metric metric,
                          Map<String, String> aliases, Map<Metric, Double> scale) {

    public MappingRule {
        TopicPattern.compile(topic); // validates
        Objects.requireNonNull(format, "format");
        if (device != null && !DeviceIds.isValid(device)) {
            throw new IllegalArgumentException("device id \"" + device + "\" is not allowed (" + DeviceIds.RULE + ")");
        }
        if (format == PayloadFormat.VALUE && metric == null) {
            throw new IllegalArgumentException("format \"value\" needs a metric");
        }
        if (format != PayloadFormat.VALUE && metric != null) {
            throw new IllegalArgumentException("a metric is only used with format \"value\"");
        }
        var a = new LinkedHashMap<String, String>();
        if (aliases != null) {
            aliases.forEach((from, to) -> {
                if (from == null || from.isBlank() || from.startsWith(".") || from.endsWith(".") || from.contains("..")) {
                    throw new IllegalArgumentException("alias name \"" + from + "\" is not a field name");
                }
                Field f = Field.fromTarget(to);
                if (f == null) {
                    throw new IllegalArgumentException("alias \"" + from + "\" -> \"" + to + "\": unknown target (use "
                            + Field.TARGETS + ")");
                }
                a.put(from, f.key());
            });
        }
        aliases = Collections.unmodifiableMap(a);
        var s = new EnumMap<Metric, Double>(Metric.class);
        if (scale != null) {
            scale.forEach((m, factor) -> {
                Objects.requireNonNull(m, "scale metric");
                if (m == Metric.RELAY) {
                    throw new IllegalArgumentException("relay cannot be scaled");
                }
                if (factor == null || !Double.isFinite(factor) || factor == 0.0) {
                    throw new IllegalArgumentException("scale for " + m.key() + " must be a finite non-zero number, got "
                            + factor);
                }
                s.put(m, factor);
            });
        }
        scale = Collections.unmodifiableMap(s);
    }

    /** A rule without fixed device, aliases or scale factors. */
    public static MappingRule of(String topic, DeviceKind kind, PayloadFormat format) {
        return new MappingRule(topic, kind, format, null, null, Map.of(), Map.of());
    }

    /** A rule for payloads that are one bare value of {@code metric} (format {@link PayloadFormat#VALUE}). */
    public static MappingRule ofValue(String topic, DeviceKind kind, Metric metric) {
        return new MappingRule(topic, kind, PayloadFormat.VALUE, null, metric, Map.of(), Map.of());
    }

    public MappingRule withDevice(String fixedDeviceId) {
        return new MappingRule(topic, kind, format, fixedDeviceId, metric, aliases, scale);
    }

    public MappingRule withMetric(Metric valueMetric) {
        return new MappingRule(topic, kind, format, device, valueMetric, aliases, scale);
    }

    public MappingRule withAlias(String field, String target) {
        var a = new LinkedHashMap<>(aliases);
        a.put(field, target);
        return new MappingRule(topic, kind, format, device, metric, a, scale);
    }

    public MappingRule withScale(Metric m, double factor) {
        var s = new EnumMap<Metric, Double>(Metric.class);
        s.putAll(scale);
        s.put(m, factor);
        return new MappingRule(topic, kind, format, device, metric, aliases, s);
    }
}
