package io.edgedeck.link.codec;

import io.edgedeck.db.DeviceKind;
import io.edgedeck.db.Metric;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of a {@link TopicMapping}: which topics it applies to, how their payloads are written and what device they
 * come from.
 *
 * @param topic   pattern such as {@code smartplug/{device_id}/telemetry}; {@code {device_id}} (a whole level) gives
 *                the device id, {@code {channel}} a channel number ({@code POWER{channel}}, {@code switch:{channel}}),
 *                {@code {field}} the name of a bare value ({@code {device_id}/sensor/{field}/state}); {@code +} and a
 *                trailing {@code #} are MQTT wildcards
 * @param kind    the device kind, or null to infer it per message (power, voltage, current, energy or relay: PLUG;
 *                else temperature or humidity: SENSOR; availability alone: GENERIC)
 * @param format  how the payload is written
 * @param device  fixed device id for every topic of this rule, or null: then the {@code {device_id}} level, or, if the
 *                pattern has none, the topic with {@code /} replaced by {@code -} (e.g. {@code iot/data -> iot-data})
 * @param metric  for {@link PayloadFormat#VALUE} only: what the bare value is; null with a {@code {field}} level: the
 *                field name decides (aliases, metric names, then names such as {@code living_room_temperature})
 * @param aliases payload field name (matched case-insensitively; {@code a.b} reaches field b inside object a; one
 *                {@code {n}} matches a channel number, as in {@code POWER{n}}) to target: a metric key (optionally
 *                with a channel, {@code relay@{n}}, {@code power@2}), {@code relay_state}, {@code ts},
 *                {@code temp_unit} or {@code ignore}
 * @param scale   factor applied to a metric's value after aliasing, e.g. {@code current: 0.001} for mA
 * @param units   the unit a metric's values are written in, converted to EdgeDeck's ({@code energy: Wh},
 *                {@code temperature: °F}); applied after {@code scale}
 * @param words   for {@code status} and {@code availability}: payload words of this publisher and whether each means
 *                on/online (true) or off/offline (false), before the usual on/off/online/offline words
 * @param quiet   a payload with nothing EdgeDeck stores (no known field) is noted as understood instead of quarantined
 *                (for topics that also carry other things, such as Tasmota's {@code stat/<topic>/RESULT})
 */
public record MappingRule(String topic, DeviceKind kind, PayloadFormat format, String device, Metric metric,
                          Map<String, String> aliases, Map<Metric, Double> scale, Map<Metric, String> units,
                          Map<String, Boolean> words, boolean quiet) {

    public MappingRule {
        TopicPattern pattern = TopicPattern.compile(topic); // validates
        Objects.requireNonNull(format, "format");
        if (device != null && !DeviceIds.isValid(device)) {
            throw new IllegalArgumentException("device id \"" + device + "\" is not allowed (" + DeviceIds.RULE + ")");
        }
        if (format == PayloadFormat.VALUE && metric == null && !pattern.capturesField()) {
            throw new IllegalArgumentException("format \"value\" needs a metric, or a {field} level in the topic");
        }
        if (format == PayloadFormat.HA_DISCOVERY && !topic.endsWith("/#")) {
            throw new IllegalArgumentException("format \"ha-discovery\" needs a topic ending in /#, e.g. homeassistant/#");
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
                int n = from.indexOf(AliasTarget.N);
                if (n >= 0 && from.indexOf(AliasTarget.N, n + 1) >= 0) {
                    throw new IllegalArgumentException("alias name \"" + from + "\" has {n} more than once");
                }
                AliasTarget t = AliasTarget.parse(to);
                if (t == null) {
                    throw new IllegalArgumentException("alias \"" + from + "\" -> \"" + to + "\": unknown target (use "
                            + Field.TARGETS + ")");
                }
                if (t.channel() == AliasTarget.FROM_NAME && n < 0) {
                    throw new IllegalArgumentException("alias \"" + from + "\" -> \"" + to
                            + "\": @{n} needs {n} in the field name, e.g. \"POWER{n}\": \"relay@{n}\"");
                }
                a.put(from, t.key());
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
        var u = new EnumMap<Metric, String>(Metric.class);
        if (units != null) {
            units.forEach((m, unit) -> {
                Objects.requireNonNull(m, "unit metric");
                if (Units.conversion(m, unit).isEmpty()) {
                    throw new IllegalArgumentException("unit \"" + unit + "\" is not a unit of " + m.key()
                            + " (EdgeDeck knows e.g. " + examples(m) + ")");
                }
                u.put(m, unit.strip());
            });
        }
        units = Collections.unmodifiableMap(u);
        var w = new LinkedHashMap<String, Boolean>();
        if (words != null) {
            words.forEach((word, on) -> {
                if (word == null || word.isBlank() || on == null) {
                    throw new IllegalArgumentException("words: each word must be non-empty and map to true or false");
                }
                w.put(word.strip(), on);
            });
        }
        if (!w.isEmpty() && format != PayloadFormat.STATUS && format != PayloadFormat.AVAILABILITY) {
            throw new IllegalArgumentException("words are only used with format \"status\" or \"availability\"");
        }
        words = Collections.unmodifiableMap(w);
    }

    /** The same rule with the original seven properties (no units, words, not quiet). */
    public MappingRule(String topic, DeviceKind kind, PayloadFormat format, String device, Metric metric,
                       Map<String, String> aliases, Map<Metric, Double> scale) {
        this(topic, kind, format, device, metric, aliases, scale, Map.of(), Map.of(), false);
    }

    private static String examples(Metric m) {
        return switch (m) {
            case VOLTAGE -> "V, mV";
            case CURRENT -> "A, mA";
            case POWER -> "W, kW";
            case ENERGY -> "kWh, Wh, Wmin";
            case TEMPERATURE -> "°C, °F, K";
            case HUMIDITY -> "%";
            case RELAY -> "no unit";
        };
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
        return new MappingRule(topic, kind, format, fixedDeviceId, metric, aliases, scale, units, words, quiet);
    }

    public MappingRule withMetric(Metric valueMetric) {
        return new MappingRule(topic, kind, format, device, valueMetric, aliases, scale, units, words, quiet);
    }

    public MappingRule withAlias(String field, String target) {
        var a = new LinkedHashMap<>(aliases);
        a.put(field, target);
        return new MappingRule(topic, kind, format, device, metric, a, scale, units, words, quiet);
    }

    public MappingRule withScale(Metric m, double factor) {
        var s = new EnumMap<Metric, Double>(Metric.class);
        s.putAll(scale);
        s.put(m, factor);
        return new MappingRule(topic, kind, format, device, metric, aliases, s, units, words, quiet);
    }

    public MappingRule withUnit(Metric m, String unit) {
        var u = new EnumMap<Metric, String>(Metric.class);
        u.putAll(units);
        u.put(m, unit);
        return new MappingRule(topic, kind, format, device, metric, aliases, scale, u, words, quiet);
    }

    public MappingRule withWord(String word, boolean on) {
        var w = new LinkedHashMap<>(words);
        w.put(word, on);
        return new MappingRule(topic, kind, format, device, metric, aliases, scale, units, w, quiet);
    }

    public MappingRule withQuiet(boolean q) {
        return new MappingRule(topic, kind, format, device, metric, aliases, scale, units, words, q);
    }

    /** The word's meaning under this rule ({@link #words} first, case-insensitively), or null. */
    Boolean word(String token) {
        if (words.isEmpty()) {
            return null;
        }
        Boolean b = words.get(token);
        if (b != null) {
            return b;
        }
        for (var e : words.entrySet()) {
            if (e.getKey().toLowerCase(Locale.ROOT).equals(token.toLowerCase(Locale.ROOT))) {
                return e.getValue();
            }
        }
        return null;
    }
}
