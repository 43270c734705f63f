package io.edgedeck.link.codec;

import io.edgedeck.db.Metric;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** A {@link MappingRule} prepared for fast matching and field lookup. Immutable. */
final class CompiledRule {
    private static final Map<String, Field> BUILT_IN = Map.of(
            "voltage", Field.VOLTAGE, "current", Field.CURRENT, "power", Field.POWER, "energy", Field.ENERGY,
            "relay", Field.RELAY, "relay_state", Field.RELAY, "temperature", Field.TEMPERATURE,
            "humidity", Field.HUMIDITY, "ts", Field.TS, "timestamp", Field.TS);

    final MappingRule rule;
    final TopicPattern pattern;
    private final Map<String, Field> exact = new HashMap<>();
    private final Map<String, Field> lower = new HashMap<>();
    /** Object paths that lead to aliased nested fields ({@code ENERGY} for {@code ENERGY.Power}), as written and lower-case. */
    private final Set<String> prefixes = new HashSet<>();
    private final double[] scale = new double[Metric.values().length];
    /** Device id for every message of this rule when it does not depend on the topic; else null. */
    final String constantDeviceId;

    CompiledRule(MappingRule rule) {
        this.rule = rule;
        this.pattern = TopicPattern.compile(rule.topic());
        exact.putAll(BUILT_IN);
        lower.putAll(BUILT_IN);
        rule.aliases().forEach((from, to) -> {
            Field f = Field.fromTarget(to);
            exact.put(from, f);
            lower.put(from.toLowerCase(Locale.ROOT), f);
            for (int dot = from.indexOf('.'); dot > 0; dot = from.indexOf('.', dot + 1)) {
                String prefix = from.substring(0, dot);
                prefixes.add(prefix);
                prefixes.add(prefix.toLowerCase(Locale.ROOT));
            }
        });
        java.util.Arrays.fill(scale, 1.0);
        rule.scale().forEach((m, f) -> scale[m.ordinal()] = f);
        if (rule.device() != null) {
            constantDeviceId = rule.device();
        } else if (!pattern.capturesDevice() && pattern.isLiteral()) {
            constantDeviceId = rule.topic().replace('/', '-');
        } else {
            constantDeviceId = null;
        }
    }

    /** The meaning of a payload field (a dotted path for nested fields), or null if unknown. */
    Field lookup(String name) {
        Field f = exact.get(name);
        return f != null ? f : lower.get(name.toLowerCase(Locale.ROOT));
    }

    /** True if some alias reaches into the object at this path. */
    boolean hasNested(String path) {
        return !prefixes.isEmpty() && (prefixes.contains(path) || prefixes.contains(path.toLowerCase(Locale.ROOT)));
    }

    double scale(Metric m) {
        return scale[m.ordinal()];
    }
}
