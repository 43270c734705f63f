package io.edgedeck.link.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.edgedeck.db.DeviceKind;
import io.edgedeck.db.Metric;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Configuration that maps topics to devices and payload formats: an ordered list of rules such as
 * {@code smartplug/{device_id}/telemetry -> PLUG, json}. Loaded from JSON; {@link #defaults()} recognises the
 * formats of the product brief on their usual topics. The first rule whose pattern matches a topic decides.
 *
 * <p>File format (JSON; {@code //} and {@code /* *}{@code /} comments allowed):
 * <pre>{@code
 * { "rules": [
 *     { "topic": "smartplug/{device_id}/telemetry",   // required; {device_id}, + and a trailing # allowed
 *       "kind": "plug",                                // plug | sensor | generic | auto (default auto: inferred)
 *       "format": "json",                              // json | status | availability | keyvalue | value (default json)
 *       "device": "kitchen-plug",                      // optional fixed device id
 *       "metric": "power",                             // format "value" only
 *       "aliases": { "watts": "power", "ENERGY.Total": "energy", "temperature": "ignore" },
 *       "scale": { "current": 0.001 },                 // per metric, applied after aliasing
 *       "comment": "free text, ignored" } ] }
 * }</pre>
 * A bare array of rules is accepted too. Immutable and thread-safe.
 */
public final class TopicMapping {
    /** Class-path resource holding the built-in rules. */
    public static final String DEFAULT_RESOURCE = "/io/edgedeck/link/codec/default-mapping.json";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Set<String> RULE_PROPERTIES =
            Set.of("topic", "kind", "format", "device", "metric", "aliases", "scale", "units", "words", "quiet", "comment");

    private final List<MappingRule> rules;
    private final CompiledRule[] compiled;

    private TopicMapping(List<MappingRule> rules) {
        this.rules = List.copyOf(rules);
        this.compiled = this.rules.stream().map(CompiledRule::new).toArray(CompiledRule[]::new);
    }

    private static final class Defaults {
        static final TopicMapping INSTANCE = loadResource();

        private static TopicMapping loadResource() {
            try (InputStream in = TopicMapping.class.getResourceAsStream(DEFAULT_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + DEFAULT_RESOURCE);
                }
                return fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8), DEFAULT_RESOURCE);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + DEFAULT_RESOURCE, e);
            }
        }
    }

    /** The built-in rules (resource {@value #DEFAULT_RESOURCE}): the brief's topics plus Tasmota and Shelly. */
    public static TopicMapping defaults() {
        return Defaults.INSTANCE;
    }

    /** Reads a mapping file (JSON); a malformed file gives an IllegalArgumentException naming the problem. */
    public static TopicMapping load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("mapping file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("mapping file " + file + " cannot be read: " + e.getMessage(), e);
        }
        return fromJson(text, file.toString());
    }

    /** The rules of {@code file} first, then the {@link #defaults()}: a connection's own rules override built-in ones. */
    public static TopicMapping loadWithDefaults(Path file) {
        return defaults().withRules(load(file).rules());
    }

    /**
     * Parses mapping JSON; {@code source} names it in error messages (a file name, "connection settings", ...).
     *
     * @throws IllegalArgumentException naming the source and the problem
     */
    public static TopicMapping fromJson(String json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new IllegalArgumentException("mapping " + source + ": malformed JSON" + where + ": "
                    + firstLine(e.getOriginalMessage()), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new IllegalArgumentException("mapping " + source + ": file is empty");
        }
        JsonNode list = root;
        if (root.isObject()) {
            for (var entry : root.properties()) {
                String name = entry.getKey();
                if (!name.equals("rules") && !name.equals("comment")) {
                    throw new IllegalArgumentException("mapping " + source + ": unknown property \"" + name
                            + "\" (expected \"rules\")");
                }
            }
            list = root.get("rules");
            if (list == null) {
                throw new IllegalArgumentException("mapping " + source + ": no \"rules\" array");
            }
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException("mapping " + source + ": \"rules\" must be an array of rule objects");
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException("mapping " + source + ": has no rules");
        }
        var rules = new ArrayList<MappingRule>(list.size());
        for (int i = 0; i < list.size(); i++) {
            JsonNode r = list.get(i);
            String label = "rule " + (i + 1);
            if (r.isObject() && r.get("topic") != null && r.get("topic").isTextual()) {
                label += " (\"" + r.get("topic").asText() + "\")";
            }
            try {
                rules.add(parseRule(r));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("mapping " + source + ": " + label + ": " + e.getMessage(), e);
            }
        }
        return new TopicMapping(rules);
    }

    private static MappingRule parseRule(JsonNode r) {
        if (!r.isObject()) {
            throw new IllegalArgumentException("must be an object");
        }
        for (var entry : r.properties()) {
            String name = entry.getKey();
            if (!RULE_PROPERTIES.contains(name)) {
                throw new IllegalArgumentException("unknown property \"" + name
                        + "\" (expected topic, kind, format, device, metric, aliases, scale, units, words, quiet, comment)");
            }
        }
        String topic = text(r, "topic");
        if (topic == null) {
            throw new IllegalArgumentException("\"topic\" is required");
        }
        String kindText = text(r, "kind");
        DeviceKind kind = null;
        if (kindText != null && !kindText.equalsIgnoreCase("auto")) {
            try {
                kind = DeviceKind.valueOf(kindText.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown kind \"" + kindText + "\" (expected plug, sensor, generic or auto)");
            }
        }
        String formatText = text(r, "format");
        PayloadFormat format = formatText == null ? PayloadFormat.JSON : PayloadFormat.fromKey(formatText.trim())
                .orElseThrow(() -> new IllegalArgumentException("unknown format \"" + formatText
                        + "\" (expected json, status, availability, keyvalue, value, command or ha-discovery)"));
        String device = text(r, "device");
        String metricText = text(r, "metric");
        Metric metric = metricText == null ? null : metric(metricText, "metric");
        var aliases = new LinkedHashMap<String, String>();
        JsonNode a = r.get("aliases");
        if (a != null && !a.isNull()) {
            if (!a.isObject()) {
                throw new IllegalArgumentException("\"aliases\" must be an object of field name to target");
            }
            for (var e : a.properties()) {
                if (!e.getValue().isTextual()) {
                    throw new IllegalArgumentException("alias \"" + e.getKey() + "\" must map to a string (" + Field.TARGETS + ")");
                }
                aliases.put(e.getKey(), e.getValue().asText());
            }
        }
        var scale = new EnumMap<Metric, Double>(Metric.class);
        JsonNode s = r.get("scale");
        if (s != null && !s.isNull()) {
            if (!s.isObject()) {
                throw new IllegalArgumentException("\"scale\" must be an object of metric to factor");
            }
            for (var e : s.properties()) {
                if (!e.getValue().isNumber()) {
                    throw new IllegalArgumentException("scale for \"" + e.getKey() + "\" must be a number");
                }
                scale.put(metric(e.getKey(), "scale"), e.getValue().doubleValue());
            }
        }
        var units = new EnumMap<Metric, String>(Metric.class);
        JsonNode u = r.get("units");
        if (u != null && !u.isNull()) {
            if (!u.isObject()) {
                throw new IllegalArgumentException("\"units\" must be an object of metric to unit, e.g. {\"energy\": \"Wh\"}");
            }
            for (var e : u.properties()) {
                if (!e.getValue().isTextual()) {
                    throw new IllegalArgumentException("unit for \"" + e.getKey() + "\" must be a string");
                }
                units.put(metric(e.getKey(), "units"), e.getValue().asText());
            }
        }
        var words = new LinkedHashMap<String, Boolean>();
        JsonNode w = r.get("words");
        if (w != null && !w.isNull()) {
            if (!w.isObject()) {
                throw new IllegalArgumentException("\"words\" must be an object of payload word to true (on/online) or false");
            }
            for (var e : w.properties()) {
                if (!e.getValue().isBoolean()) {
                    throw new IllegalArgumentException("word \"" + e.getKey() + "\" must map to true or false");
                }
                words.put(e.getKey(), e.getValue().booleanValue());
            }
        }
        JsonNode q = r.get("quiet");
        if (q != null && !q.isNull() && !q.isBoolean()) {
            throw new IllegalArgumentException("\"quiet\" must be true or false");
        }
        boolean quiet = q != null && q.isBoolean() && q.booleanValue();
        return new MappingRule(topic, kind, format, device, metric, aliases, scale, units, words, quiet);
    }

    private static Metric metric(String key, String what) {
        return Metric.fromKey(key.trim()).orElseThrow(() -> new IllegalArgumentException(what + ": unknown metric \""
                + key + "\" (expected voltage, current, power, energy, relay, temperature or humidity)"));
    }

    private static String text(JsonNode r, String field) {
        JsonNode n = r.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new IllegalArgumentException("\"" + field + "\" must be a string");
        }
        return n.asText();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** A mapping of exactly these rules, in this order. */
    public static TopicMapping of(List<MappingRule> rules) {
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("a mapping needs at least one rule");
        }
        return new TopicMapping(rules);
    }

    /** This mapping with {@code first} put before its rules, so they win where both match. */
    public TopicMapping withRules(List<MappingRule> first) {
        var all = new ArrayList<MappingRule>(first.size() + rules.size());
        all.addAll(first);
        all.addAll(rules);
        return new TopicMapping(all);
    }

    public List<MappingRule> rules() {
        return rules;
    }

    CompiledRule[] compiled() {
        return compiled;
    }

    /**
     * The MQTT topic filters to subscribe to (e.g. {@code smartplug/+/telemetry}), in rule order, without duplicates
     * and without filters that another filter of the list already covers (so no message is delivered twice).
     */
    public List<String> subscriptionFilters() {
        var filters = new ArrayList<String>(compiled.length);
        for (CompiledRule c : compiled) {
            filters.add(c.pattern.filter());
        }
        return reduceFilters(filters);
    }

    /** True if every topic matched by MQTT filter {@code b} is also matched by filter {@code a}. */
    public static boolean covers(String a, String b) {
        return TopicPattern.covers(a, b);
    }

    /** The filters in order, without duplicates and without those another filter of the list covers. */
    static List<String> reduceFilters(List<String> filters) {
        var unique = new ArrayList<String>();
        for (String f : filters) {
            if (!unique.contains(f)) {
                unique.add(f);
            }
        }
        var out = new ArrayList<String>(unique.size());
        for (String f : unique) {
            boolean covered = false;
            for (String other : unique) {
                if (other != f && TopicPattern.covers(other, f)) {
                    covered = true;
                    break;
                }
            }
            if (!covered) {
                out.add(f);
            }
        }
        return List.copyOf(out);
    }

    /** This mapping as a mapping file (JSON) that {@link #fromJson} reads back to the same rules. */
    public String toJson() {
        var root = JSON.createObjectNode();
        var list = root.putArray("rules");
        for (MappingRule r : rules) {
            var o = list.addObject();
            o.put("topic", r.topic());
            o.put("kind", r.kind() == null ? "auto" : r.kind().name().toLowerCase(Locale.ROOT));
            o.put("format", r.format().key());
            if (r.device() != null) {
                o.put("device", r.device());
            }
            if (r.metric() != null) {
                o.put("metric", r.metric().key());
            }
            if (!r.aliases().isEmpty()) {
                var a = o.putObject("aliases");
                r.aliases().forEach(a::put);
            }
            if (!r.scale().isEmpty()) {
                var sc = o.putObject("scale");
                r.scale().forEach((m, f) -> sc.put(m.key(), f));
            }
            if (!r.units().isEmpty()) {
                var u = o.putObject("units");
                r.units().forEach((m, unit) -> u.put(m.key(), unit));
            }
            if (!r.words().isEmpty()) {
                var w = o.putObject("words");
                r.words().forEach(w::put);
            }
            if (r.quiet()) {
                o.put("quiet", true);
            }
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a mapping as JSON", e);
        }
    }

    @Override
    public String toString() {
        return "TopicMapping" + rules.stream().map(MappingRule::topic).toList();
    }
}
