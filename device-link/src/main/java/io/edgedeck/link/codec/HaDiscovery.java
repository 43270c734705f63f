package io.edgedeck.link.codec;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgedeck.db.Metric;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one Home Assistant MQTT discovery config ({@code <prefix>/<component>/[<node_id>/]<object_id>/config}) into a
 * {@link DiscoveredEntity}, or says in words why EdgeDeck leaves it aside. Understands the abbreviated keys
 * ({@code stat_t}, {@code val_tpl}, {@code unit_of_meas}, {@code dev_cla}, {@code avty_t}, {@code dev.ids}, ...) and
 * the {@code ~} base topic. Components: {@code sensor} with device class power, voltage, current, energy, temperature
 * or humidity (or, without a class, a unit that says it), and {@code switch} (the relay). Value templates: only the
 * common {@code {{ value_json.a.b }}}, {@code {{ value_json['a'] }}} and {@code {{ value }}} forms, with filters such
 * as {@code | float} or {@code | round(1)}.
 */
final class HaDiscovery {
    /** Either an entity or the reason it is left aside. */
    record Outcome(DiscoveredEntity entity, String ignored) {
        static Outcome ignore(String why) {
            return new Outcome(null, why);
        }
    }

    private static final Pattern TEMPLATE = Pattern.compile(
            "\\{\\{\\s*value(_json((\\.[A-Za-z_][A-Za-z0-9_]*)|(\\[\\s*'[^'.{}\\[\\]]+'\\s*\\])|(\\[\\s*\"[^\".{}\\[\\]]+\"\\s*\\]))+)?"
                    + "\\s*(\\|\\s*(float|int|is_defined|round|float\\([^()]*\\)|int\\([^()]*\\)|round\\([^()]*\\)|default\\([^()]*\\))\\s*)*\\}\\}");
    private static final Pattern SEGMENT = Pattern.compile("\\.([A-Za-z_][A-Za-z0-9_]*)|\\[\\s*['\"]([^'\"]+)['\"]\\s*\\]");
    private static final Map<String, Metric> DEVICE_CLASSES = Map.of("power", Metric.POWER, "voltage", Metric.VOLTAGE,
            "current", Metric.CURRENT, "energy", Metric.ENERGY, "temperature", Metric.TEMPERATURE,
            "humidity", Metric.HUMIDITY);

    private HaDiscovery() {
    }

    /**
     * @param levels the topic's levels after the discovery prefix: component, [node_id,] object_id, "config"
     * @param config the discovery payload (a JSON object)
     */
    static Outcome read(String configTopic, List<String> levels, JsonNode config) {
        if (!config.isObject()) {
            return Outcome.ignore("a discovery config must be a JSON object");
        }
        String component = levels.getFirst();
        String nodeId = levels.size() == 4 ? levels.get(1) : null;
        String objectId = levels.get(levels.size() - 2);
        String base = text(config, "~", null);
        String name = text(config, "name", null);
        String stateTopic = topic(text(config, "state_topic", "stat_t"), base);
        String template = text(config, "value_template", "val_tpl");
        String unit = text(config, "unit_of_measurement", "unit_of_meas");

        Metric metric;
        Map<String, Boolean> stateWords = Map.of();
        switch (component) {
            case "sensor" -> {
                String deviceClass = text(config, "device_class", "dev_cla");
                if (deviceClass != null) {
                    metric = DEVICE_CLASSES.get(deviceClass);
                    if (metric == null) {
                        return Outcome.ignore("device class \"" + deviceClass + "\" is not a quantity EdgeDeck stores");
                    }
                } else {
                    metric = Units.metricOf(unit).orElse(null);
                    if (metric == null) {
                        return Outcome.ignore("a sensor without a device class"
                                + (unit == null ? "" : " and with unit \"" + unit + "\"")
                                + " is not a quantity EdgeDeck stores");
                    }
                }
                if (unit != null && Units.conversion(metric, unit).isEmpty()) {
                    return Outcome.ignore("unit \"" + unit + "\" is not a unit of " + metric.key() + " EdgeDeck knows");
                }
            }
            case "switch" -> {
                metric = Metric.RELAY;
                unit = null;
                var words = new LinkedHashMap<String, Boolean>();
                words.put(firstText(config, "ON", "state_on", "stat_on", "payload_on", "pl_on"), true);
                words.put(firstText(config, "OFF", "state_off", "stat_off", "payload_off", "pl_off"), false);
                stateWords = words;
            }
            default -> {
                return Outcome.ignore("component \"" + component + "\" is not something EdgeDeck reads (sensor and switch are)");
            }
        }
        if (stateTopic == null) {
            return Outcome.ignore("no state_topic: EdgeDeck reads values from the state topic");
        }
        if (!literalTopic(stateTopic)) {
            return Outcome.ignore("state topic \"" + stateTopic + "\" is not a topic EdgeDeck can map");
        }
        List<String> path;
        if (template == null) {
            path = List.of();
        } else {
            path = templatePath(template).orElse(null);
            if (path == null) {
                return Outcome.ignore("value_template " + MessageDecoder.quote(template)
                        + " is not one of the forms EdgeDeck reads ({{ value_json.x }}, {{ value_json['x'] }}, {{ value }})");
            }
        }
        String availabilityTopic = null;
        Map<String, Boolean> availabilityWords = Map.of();
        JsonNode list = field(config, "availability", "avty");
        JsonNode availability = list != null && list.isArray() && !list.isEmpty() && list.get(0).isObject() ? list.get(0) : config;
        String at = availability == config ? text(config, "availability_topic", "avty_t")
                : text(availability, "topic", "t");
        if (at != null) {
            at = topic(at, base);
            if (literalTopic(at)) {
                availabilityTopic = at;
                var words = new LinkedHashMap<String, Boolean>();
                words.put(firstText(availability, "online", "payload_available", "pl_avail"), true);
                words.put(firstText(availability, "offline", "payload_not_available", "pl_not_avail"), false);
                availabilityWords = words;
            }
        }
        String deviceId = deviceId(config, nodeId, objectId);
        return new Outcome(new DiscoveredEntity(configTopic, deviceId, name, stateTopic, path, metric, unit, stateWords,
                availabilityTopic, availabilityWords), null);
    }

    /** The JSON path of a supported template (empty for {@code {{ value }}}), or empty if not supported. */
    static Optional<List<String>> templatePath(String template) {
        String t = template.strip();
        Matcher m = TEMPLATE.matcher(t);
        if (!m.matches()) {
            return Optional.empty();
        }
        String json = m.group(1);
        var path = new ArrayList<String>();
        if (json != null) {
            Matcher s = SEGMENT.matcher(json.substring("_json".length()));
            while (s.find()) {
                path.add(s.group(1) != null ? s.group(1) : s.group(2));
            }
        }
        return Optional.of(path);
    }

    private static String deviceId(JsonNode config, String nodeId, String objectId) {
        JsonNode device = field(config, "device", "dev");
        List<String> candidates = new ArrayList<>();
        if (nodeId != null) {
            candidates.add(nodeId);
        }
        if (device != null && device.isObject()) {
            JsonNode ids = field(device, "identifiers", "ids");
            if (ids != null && ids.isArray() && !ids.isEmpty() && ids.get(0).isTextual()) {
                candidates.add(ids.get(0).textValue());
            } else if (ids != null && ids.isTextual()) {
                candidates.add(ids.textValue());
            }
            String name = text(device, "name", null);
            if (name != null) {
                candidates.add(name);
            }
        }
        candidates.add(objectId);
        for (String c : candidates) {
            String id = sanitize(c);
            if (!id.isEmpty()) {
                return id;
            }
        }
        return "ha-device";
    }

    /** A device id from any text: characters EdgeDeck does not allow become {@code _}, cut to 64. */
    static String sanitize(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), DeviceIds.MAX_LENGTH));
        for (int i = 0; i < s.length() && b.length() < DeviceIds.MAX_LENGTH; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '-';
            b.append(ok ? c : '_');
        }
        String id = b.toString();
        return id.chars().allMatch(c -> c == '_') ? "" : id;
    }

    private static boolean literalTopic(String t) {
        if (t.isEmpty() || t.indexOf('+') >= 0 || t.indexOf('#') >= 0 || t.indexOf('{') >= 0 || t.indexOf('}') >= 0
                || t.indexOf('\0') >= 0 || t.length() > 1024) {
            return false;
        }
        return true;
    }

    private static String topic(String t, String base) {
        if (t == null || base == null) {
            return t;
        }
        if (t.startsWith("~")) {
            return base + t.substring(1);
        }
        if (t.endsWith("~")) {
            return t.substring(0, t.length() - 1) + base;
        }
        return t;
    }

    private static JsonNode field(JsonNode obj, String full, String abbreviated) {
        JsonNode n = obj.get(full);
        if ((n == null || n.isNull()) && abbreviated != null) {
            n = obj.get(abbreviated);
        }
        return n == null || n.isNull() ? null : n;
    }

    private static String text(JsonNode obj, String full, String abbreviated) {
        JsonNode n = field(obj, full, abbreviated);
        if (n == null) {
            return null;
        }
        if (n.isTextual()) {
            String s = n.textValue().strip();
            return s.isEmpty() ? null : s;
        }
        return n.isValueNode() ? n.asText() : null;
    }

    private static String firstText(JsonNode obj, String fallback, String... keys) {
        for (int i = 0; i < keys.length; i += 2) {
            String v = text(obj, keys[i], keys[i + 1]);
            if (v != null) {
                return v;
            }
        }
        return fallback;
    }
}
