package io.edgedeck.link.codec;

import io.edgedeck.db.DeviceKind;
import io.edgedeck.db.Metric;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Home Assistant discovery configs seen in this session and the mapping rules they imply: one rule per state topic
 * (entities sharing a topic, such as temperature and humidity read from one JSON payload, are merged into one rule
 * with an alias each) and one per availability topic. Discovered rules are literal topics and are looked up by topic
 * before the mapping's own rules. Thread-safe: changes are synchronized; lookups read an immutable snapshot.
 */
final class DiscoveredEntities {
    /** Most entities kept, so that a flood of discovery messages cannot exhaust memory. */
    static final int MAX_ENTITIES = 5_000;

    private record Snapshot(Map<String, CompiledRule> byTopic, List<MappingRule> rules) {
        static final Snapshot EMPTY = new Snapshot(Map.of(), List.of());
    }

    private final Map<String, DiscoveredEntity> byConfigTopic = new LinkedHashMap<>();
    private volatile Snapshot snapshot = Snapshot.EMPTY;
    private volatile boolean dirty;
    private final AtomicLong version = new AtomicLong();

    enum Change { ADDED, UPDATED, UNCHANGED, FULL }

    synchronized Change put(DiscoveredEntity e) {
        DiscoveredEntity old = byConfigTopic.get(e.configTopic());
        if (e.equals(old)) {
            return Change.UNCHANGED;
        }
        if (old == null && byConfigTopic.size() >= MAX_ENTITIES) {
            return Change.FULL;
        }
        byConfigTopic.put(e.configTopic(), e);
        changed();
        return old == null ? Change.ADDED : Change.UPDATED;
    }

    /** The removed entity, or null if there was none for that config topic. */
    synchronized DiscoveredEntity remove(String configTopic) {
        DiscoveredEntity old = byConfigTopic.remove(configTopic);
        if (old != null) {
            changed();
        }
        return old;
    }

    private void changed() {
        dirty = true;
        version.incrementAndGet();
    }

    /** Increases with every change, so that a caller can tell when to renew its subscriptions. */
    long version() {
        return version.get();
    }

    synchronized int size() {
        return byConfigTopic.size();
    }

    /** The discovered rule for exactly this topic, or null. */
    CompiledRule ruleFor(String topic) {
        Snapshot s = current();
        return s.byTopic.isEmpty() ? null : s.byTopic.get(topic);
    }

    /** The rules the discovered entities imply, in a stable order. */
    List<MappingRule> rules() {
        return current().rules;
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        if (!dirty) {
            return s;
        }
        synchronized (this) {
            if (dirty) {
                snapshot = build(List.copyOf(byConfigTopic.values()));
                dirty = false;
            }
            return snapshot;
        }
    }

    private static Snapshot build(List<DiscoveredEntity> entities) {
        var byState = new LinkedHashMap<String, List<DiscoveredEntity>>();
        var byAvailability = new LinkedHashMap<String, List<DiscoveredEntity>>();
        for (DiscoveredEntity e : entities) {
            byState.computeIfAbsent(e.stateTopic(), k -> new ArrayList<>()).add(e);
            if (e.availabilityTopic() != null) {
                byAvailability.computeIfAbsent(e.availabilityTopic(), k -> new ArrayList<>()).add(e);
            }
        }
        var rules = new ArrayList<MappingRule>();
        var byTopic = new HashMap<String, CompiledRule>();
        byState.forEach((topic, group) -> add(stateRule(topic, group), rules, byTopic));
        byAvailability.forEach((topic, group) -> {
            if (!byTopic.containsKey(topic)) {
                DiscoveredEntity first = group.getFirst();
                add(new MappingRule(topic, null, PayloadFormat.AVAILABILITY, first.deviceId(), null, Map.of(), Map.of(),
                        Map.of(), first.availabilityWords(), false), rules, byTopic);
            }
        });
        return new Snapshot(Map.copyOf(byTopic), List.copyOf(rules));
    }

    private static void add(MappingRule rule, List<MappingRule> rules, Map<String, CompiledRule> byTopic) {
        rules.add(rule);
        byTopic.put(rule.topic(), new CompiledRule(rule));
    }

    private static MappingRule stateRule(String topic, List<DiscoveredEntity> group) {
        List<DiscoveredEntity> json = group.stream().filter(DiscoveredEntity::readsJson).toList();
        if (!json.isEmpty()) {
            var aliases = new LinkedHashMap<String, String>();
            var units = new EnumMap<Metric, String>(Metric.class);
            for (DiscoveredEntity e : json) {
                aliases.put(String.join(".", e.path()), e.metric().key());
                if (e.unit() != null) {
                    units.put(e.metric(), e.unit());
                }
            }
            // only what the discovery names is read: a battery "voltage" in mV next to a discovered temperature is not
            // a mains voltage
            var lowerKeys = new java.util.HashSet<String>();
            aliases.keySet().forEach(k -> lowerKeys.add(k.toLowerCase(Locale.ROOT)));
            for (String builtIn : CompiledRule.BUILT_IN.keySet()) {
                if (!lowerKeys.contains(builtIn)) {
                    aliases.put(builtIn, "ignore");
                }
            }
            return new MappingRule(topic, null, PayloadFormat.JSON, json.getFirst().deviceId(), null, aliases, Map.of(),
                    units, Map.of(), true);
        }
        DiscoveredEntity first = group.getFirst();
        if (first.metric() == Metric.RELAY) {
            return new MappingRule(topic, DeviceKind.PLUG, PayloadFormat.STATUS, first.deviceId(), null, Map.of(),
                    Map.of(), Map.of(), first.stateWords(), false);
        }
        Map<Metric, String> units = first.unit() == null ? Map.of() : Map.of(first.metric(), first.unit());
        return new MappingRule(topic, null, PayloadFormat.VALUE, first.deviceId(), first.metric(), Map.of(), Map.of(),
                units, Map.of(), false);
    }
}
