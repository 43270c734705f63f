package io.edgedeck.link.codec;

import io.edgedeck.db.Metric;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** A {@link MappingRule} prepared for fast matching and field lookup. Immutable. */
final class CompiledRule {
    static final Map<String, Field> BUILT_IN = Map.of(
            "voltage", Field.VOLTAGE, "current", Field.CURRENT, "power", Field.POWER, "energy", Field.ENERGY,
            "relay", Field.RELAY, "relay_state", Field.RELAY, "temperature", Field.TEMPERATURE,
            "humidity", Field.HUMIDITY, "ts", Field.TS, "timestamp", Field.TS);

    private static final Map<String, AliasTarget> BUILT_IN_TARGETS = builtInTargets();

    private static Map<String, AliasTarget> builtInTargets() {
        var m = new HashMap<String, AliasTarget>();
        BUILT_IN.forEach((name, f) -> m.put(name, new AliasTarget(f, AliasTarget.NONE)));
        return Map.copyOf(m);
    }

    /** A field name with one {@code {n}}: the text before and after the channel digits. */
    private record NamePattern(String prefix, String suffix, AliasTarget target) {
        /** The channel number in {@code name}, or -1 if the name does not match. */
        int channel(String name) {
            int digits = name.length() - prefix.length() - suffix.length();
            if (digits < 1 || digits > 3 || !name.regionMatches(true, 0, prefix, 0, prefix.length())
                    || !name.regionMatches(true, name.length() - suffix.length(), suffix, 0, suffix.length())) {
                return -1;
            }
            int c = 0;
            for (int i = prefix.length(); i < prefix.length() + digits; i++) {
                char ch = name.charAt(i);
                if (ch < '0' || ch > '9') {
                    return -1;
                }
                c = c * 10 + (ch - '0');
            }
            return c;
        }
    }

    final MappingRule rule;
    final TopicPattern pattern;
    private final Map<String, AliasTarget> exact = new HashMap<>();
    private final Map<String, AliasTarget> lower = new HashMap<>();
    private final List<NamePattern> patterns = new ArrayList<>();
    /** Object paths that lead to aliased nested fields ({@code ENERGY} for {@code ENERGY.Power}), as written and lower-case. */
    private final Set<String> prefixes = new HashSet<>();
    private final List<NamePattern> prefixPatterns = new ArrayList<>();
    private final double[] scale = new double[Metric.values().length];
    private final Units.Conversion[] units = new Units.Conversion[Metric.values().length];
    /** Device id for every message of this rule when it does not depend on the topic; else null. */
    final String constantDeviceId;

    CompiledRule(MappingRule rule) {
        this.rule = rule;
        this.pattern = TopicPattern.compile(rule.topic());
        exact.putAll(BUILT_IN_TARGETS);
        lower.putAll(BUILT_IN_TARGETS);
        rule.aliases().forEach((from, to) -> {
            AliasTarget t = AliasTarget.parse(to);
            int n = from.indexOf(AliasTarget.N);
            if (n >= 0) {
                patterns.add(new NamePattern(from.substring(0, n), from.substring(n + AliasTarget.N.length()), t));
            } else {
                exact.put(from, t);
                lower.put(from.toLowerCase(Locale.ROOT), t);
            }
            for (int dot = from.indexOf('.'); dot > 0; dot = from.indexOf('.', dot + 1)) {
                String prefix = from.substring(0, dot);
                int pn = prefix.indexOf(AliasTarget.N);
                if (pn >= 0) {
                    prefixPatterns.add(new NamePattern(prefix.substring(0, pn),
                            prefix.substring(pn + AliasTarget.N.length()), null));
                } else {
                    prefixes.add(prefix);
                    prefixes.add(prefix.toLowerCase(Locale.ROOT));
                }
            }
        });
        Arrays.fill(scale, 1.0);
        rule.scale().forEach((m, f) -> scale[m.ordinal()] = f);
        Arrays.fill(units, Units.Conversion.NONE);
        rule.units().forEach((m, u) -> units[m.ordinal()] = Units.conversion(m, u).orElseThrow());
        if (rule.device() != null) {
            constantDeviceId = rule.device();
        } else if (!pattern.capturesDevice() && pattern.isLiteral()) {
            constantDeviceId = rule.topic().replace('/', '-');
        } else {
            constantDeviceId = null;
        }
    }

    /**
     * The meaning of a payload field (a dotted path for nested fields), or null if unknown. A target with a
     * {@code {n}} channel comes back with the channel number of this name.
     */
    AliasTarget lookup(String name) {
        AliasTarget t = exact.get(name);
        if (t == null) {
            t = lower.get(name.toLowerCase(Locale.ROOT));
        }
        if (t != null || patterns.isEmpty()) {
            return t;
        }
        for (NamePattern p : patterns) {
            int c = p.channel(name);
            if (c >= 0) {
                return p.target.channel() == AliasTarget.FROM_NAME ? new AliasTarget(p.target.field(), c) : p.target;
            }
        }
        return null;
    }

    /** True if the target is a built-in field name's, not one of the rule's aliases. */
    static boolean isBuiltIn(AliasTarget t) {
        for (AliasTarget b : BUILT_IN_TARGETS.values()) {
            if (b == t) {
                return true;
            }
        }
        return false;
    }

    /** True if some alias reaches into the object at this path. */
    boolean hasNested(String path) {
        if (!prefixes.isEmpty() && (prefixes.contains(path) || prefixes.contains(path.toLowerCase(Locale.ROOT)))) {
            return true;
        }
        for (NamePattern p : prefixPatterns) {
            if (p.channel(path) >= 0) {
                return true;
            }
        }
        return false;
    }

    double scale(Metric m) {
        return scale[m.ordinal()];
    }

    Units.Conversion unit(Metric m) {
        return units[m.ordinal()];
    }
}
