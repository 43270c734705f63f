package io.edgedeck.services.topics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgedeck.db.DeviceKind;
import io.edgedeck.db.IngestBatch;
import io.edgedeck.db.Metric;
import io.edgedeck.db.Reading;
import io.edgedeck.link.codec.MappingRule;
import io.edgedeck.link.codec.MessageDecoder;
import io.edgedeck.link.codec.TopicMapping;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A mapping rule for a topic EdgeDeck does not understand yet, guessed from the topic and its last payload and then
 * corrected by the user ("Map this topic to a device…").
 *
 * @param topic    the topic it was made for
 * @param pattern  the rule's topic pattern: the topic with the device's level as {@code {device_id}}, so the
 *                 device's siblings are understood too; or the topic itself with a fixed {@code deviceId}
 * @param deviceId the device id for this topic (from the {@code {device_id}} level, or fixed)
 * @param fields   for JSON and key:value payloads: each field and its metric
 * @param metric   for a plain value: what it is
 */
public record MappingProposal(String topic, String pattern, String deviceId, DeviceKind kind, ProposedFormat format,
                              List<ProposedField> fields, Metric metric) {
    public static final String DEVICE_LEVEL = "{device_id}";

    /** Levels that name a kind of message rather than a device. */
    private static final Set<String> GENERIC_LEVELS = Set.of("data", "state", "status", "telemetry", "tele", "sensor",
            "sensors", "json", "value", "values", "reading", "readings", "measurement", "measurements", "out", "stat",
            "info", "metrics", "events", "event", "up", "uplink", "devices", "device", "home", "iot", "get", "report",
            "power", "energy", "temperature", "humidity", "voltage", "current", "temp", "hum");
    private static final Pattern KEY_VALUE = Pattern.compile(
            "\\s*[A-Za-z_][\\w.-]*\\s*[:=]\\s*-?\\d+(\\.\\d+)?\\s*([,;\\n]\\s*[A-Za-z_][\\w.-]*\\s*[:=]\\s*-?\\d+(\\.\\d+)?\\s*)*[,;]?\\s*");
    private static final Pattern NUMBER = Pattern.compile("\\s*-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?\\s*");
    private static final ObjectMapper JSON = new ObjectMapper();

    public MappingProposal {
        fields = List.copyOf(fields);
    }

    // ---- Guessing

    /** The best guess for {@code topic} from its last payload. */
    public static MappingProposal guess(String topic, byte[] payload) {
        String text = payload == null ? "" : new String(payload, StandardCharsets.UTF_8).strip();
        String[] levels = topic.split("/", -1);
        int idLevel = deviceLevel(levels);
        String deviceId = sanitize(levels[idLevel]);
        String pattern = patternFor(levels, idLevel);
        ProposedFormat format;
        List<ProposedField> fields = new ArrayList<>();
        Metric metric = null;
        if (text.startsWith("{") || text.startsWith("[")) {
            format = ProposedFormat.JSON_FIELDS;
            jsonFields(text, fields);
        } else if (NUMBER.matcher(text).matches() || isOnOff(text)) {
            format = ProposedFormat.PLAIN_VALUE;
            metric = isOnOff(text) ? Metric.RELAY : metricOf(levels[levels.length - 1]);
            if (metric == null && levels.length > 1) metric = metricOf(levels[levels.length - 2]);
            if (metric == null) metric = Metric.TEMPERATURE;
        } else if (KEY_VALUE.matcher(text).matches()) {
            format = ProposedFormat.KEY_VALUE;
            for (String pair : text.split("[,;\\n]")) {
                String[] kv = pair.split("[:=]", 2);
                if (kv.length == 2 && !kv[0].isBlank()) {
                    fields.add(new ProposedField(kv[0].strip(), kv[1].strip(), metricOf(kv[0].strip())));
                }
            }
        } else {
            format = ProposedFormat.PLAIN_VALUE;
            metric = metricOf(levels[levels.length - 1]);
            if (metric == null) metric = Metric.TEMPERATURE;
        }
        return new MappingProposal(topic, pattern, deviceId, kindOf(format, fields, metric), format, fields, metric);
    }

    /** The level that names the device: the last one with a digit, '-' or '_' that is not generic; else the one before the last. */
    static int deviceLevel(String[] levels) {
        for (int i = levels.length - 1; i >= 0; i--) {
            String l = levels[i];
            if (!l.isEmpty() && !isGeneric(l) && l.chars().anyMatch(c -> Character.isDigit(c) || c == '-' || c == '_')) {
                return i;
            }
        }
        for (int i = levels.length - 2; i >= 0; i--) {
            if (!levels[i].isEmpty() && !isGeneric(levels[i])) return i;
        }
        return levels.length - 1;
    }

    private static boolean isGeneric(String level) {
        return GENERIC_LEVELS.contains(level.toLowerCase(Locale.ROOT));
    }

    private static String patternFor(String[] levels, int idLevel) {
        String[] copy = levels.clone();
        copy[idLevel] = DEVICE_LEVEL;
        return String.join("/", copy);
    }

    /** A device id EdgeDeck accepts: characters outside A-Z a-z 0-9 . _ : - become '-'. */
    static String sanitize(String level) {
        String s = level.replaceAll("[^A-Za-z0-9._:-]", "-");
        if (s.isEmpty()) s = "device";
        return s.length() > 64 ? s.substring(0, 64) : s;
    }

    private static boolean isOnOff(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        return t.equals("on") || t.equals("off") || t.equals("true") || t.equals("false");
    }

    private static void jsonFields(String text, List<ProposedField> out) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (Exception e) {
            return;
        }
        if (root != null && root.isArray() && !root.isEmpty()) root = root.get(0);
        if (root != null && root.isObject() && root.get("readings") instanceof JsonNode r && r.isArray() && !r.isEmpty()) {
            root = r.get(0);
        }
        if (root == null || !root.isObject()) return;
        collect(root, null, out, 0);
    }

    private static void collect(JsonNode obj, String prefix, List<ProposedField> out, int depth) {
        for (var e : obj.properties()) {
            String name = prefix == null ? e.getKey() : prefix + "." + e.getKey();
            JsonNode v = e.getValue();
            if (v.isObject() && depth < 2) {
                collect(v, name, out, depth + 1);
            } else if (v.isNumber() || v.isBoolean() || v.isTextual() && isOnOff(v.asText())) {
                String lower = e.getKey().toLowerCase(Locale.ROOT);
                if (lower.equals("ts") || lower.equals("timestamp") || lower.equals("time")) continue;
                Metric m = v.isNumber() ? metricOf(e.getKey()) : relayLike(e.getKey());
                out.add(new ProposedField(name, v.asText(), m));
            }
        }
    }

    private static Metric relayLike(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.contains("relay") || n.contains("switch") || n.equals("on") || n.equals("state") || n.equals("output")
                || n.equals("power") ? Metric.RELAY : null;
    }

    /** The metric a field or level name suggests, or null. */
    static Metric metricOf(String name) {
        String n = name.toLowerCase(Locale.ROOT).replace('-', '_');
        if (n.contains("factor") || n.contains("apparent") || n.contains("reactive") || n.contains("freq")) return null;
        if (n.contains("temp") || n.equals("t") || n.equals("tc")) return Metric.TEMPERATURE;
        if (n.contains("hum") || n.equals("rh") || n.equals("h")) return Metric.HUMIDITY;
        if (n.contains("volt") || n.equals("v") || n.equals("u")) return Metric.VOLTAGE;
        if (n.contains("current") || n.contains("amp") || n.equals("a") || n.equals("i")) return Metric.CURRENT;
        if (n.contains("energy") || n.contains("kwh") || n.contains("total")) return Metric.ENERGY;
        if (n.contains("power") || n.contains("watt") || n.equals("w") || n.equals("p")) return Metric.POWER;
        if (n.contains("relay") || n.contains("switch")) return Metric.RELAY;
        return null;
    }

    private static DeviceKind kindOf(ProposedFormat format, List<ProposedField> fields, Metric metric) {
        List<Metric> metrics = new ArrayList<>();
        if (format == ProposedFormat.PLAIN_VALUE) {
            metrics.add(metric);
        } else {
            fields.stream().map(ProposedField::metric).filter(m -> m != null).forEach(metrics::add);
        }
        boolean plug = metrics.stream().anyMatch(m -> m == Metric.POWER || m == Metric.VOLTAGE || m == Metric.CURRENT
                || m == Metric.ENERGY || m == Metric.RELAY);
        return plug ? DeviceKind.PLUG : DeviceKind.SENSOR;
    }

    // ---- Changing

    public MappingProposal withPattern(String p) {
        return new MappingProposal(topic, p, deviceId, kind, format, fields, metric);
    }

    public MappingProposal withDeviceId(String id) {
        return new MappingProposal(topic, pattern, id, kind, format, fields, metric);
    }

    public MappingProposal withKind(DeviceKind k) {
        return new MappingProposal(topic, pattern, deviceId, k, format, fields, metric);
    }

    public MappingProposal withFormat(ProposedFormat f) {
        return new MappingProposal(topic, pattern, deviceId, kind, f, fields, metric);
    }

    public MappingProposal withFields(List<ProposedField> f) {
        return new MappingProposal(topic, pattern, deviceId, kind, format, f, metric);
    }

    public MappingProposal withMetric(Metric m) {
        return new MappingProposal(topic, pattern, deviceId, kind, format, fields, m);
    }

    /** True when the device id comes from the topic's {@code {device_id}} level. */
    public boolean deviceFromTopic() {
        return pattern.contains(DEVICE_LEVEL);
    }

    // ---- Results

    /**
     * The rule, or an IllegalArgumentException saying in words what is wrong (a pattern that does not match the
     * topic, a device id EdgeDeck does not allow, no field to store).
     */
    public MappingRule toRule() {
        if (pattern == null || pattern.isBlank()) throw new IllegalArgumentException("the topic pattern is empty");
        if (kind == null) throw new IllegalArgumentException("choose plug or sensor");
        MappingRule rule;
        if (format == ProposedFormat.PLAIN_VALUE) {
            if (metric == null) throw new IllegalArgumentException("choose what the value is");
            rule = MappingRule.ofValue(pattern.strip(), kind, metric);
        } else {
            Map<String, String> aliases = new LinkedHashMap<>();
            for (ProposedField f : fields) {
                if (f.metric() != null) aliases.put(f.name(), f.metric().key());
            }
            if (aliases.isEmpty()) throw new IllegalArgumentException("choose what at least one field is");
            rule = new MappingRule(pattern.strip(), kind, format.format(), null, null, aliases, Map.of());
        }
        if (!deviceFromTopic()) {
            if (deviceId == null || deviceId.isBlank()) throw new IllegalArgumentException("enter the device id");
            rule = rule.withDevice(deviceId.strip());
        }
        return rule;
    }

    /**
     * What the rule makes of the last payload, in words: "meter-7 (plug): power 412.5 W, voltage 229.8 V", or why
     * nothing ("the pattern does not match workshop/meter-7/data").
     */
    public String preview(byte[] payload, long nowMillis) {
        MappingRule rule;
        try {
            rule = toRule();
        } catch (IllegalArgumentException e) {
            return "Not yet: " + e.getMessage() + ".";
        }
        IngestBatch batch = new MessageDecoder(TopicMapping.of(List.of(rule))).decode(topic, payload, nowMillis);
        if (!batch.quarantined().isEmpty()) {
            String reason = batch.quarantined().getFirst().reason();
            if (reason.startsWith(TopicClassifier.NO_RULE)) {
                return "The pattern does not match " + topic + ".";
            }
            return "The last payload would not be stored: " + reason + ".";
        }
        if (batch.readings().isEmpty()) {
            return batch.availability().isEmpty() ? "Nothing to store in the last payload."
                    : "Availability of " + batch.availability().getFirst().deviceId() + ".";
        }
        Reading r = batch.readings().getFirst();
        String values = r.values().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey().key() + " " + number(e.getValue()) + (e.getKey().unit().isEmpty() ? "" : " " + e.getKey().unit()))
                .collect(Collectors.joining(", "));
        return r.deviceId() + " (" + r.kind().name().toLowerCase(Locale.ROOT) + "): " + values
                + (batch.readings().size() > 1 ? " … (" + batch.readings().size() + " readings)" : "");
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }

    /** The rule as the mapping file will hold it. */
    public String ruleJson() {
        return TopicMapping.of(List.of(toRule())).toJson();
    }
}
