package io.edgedeck.link.codec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.edgedeck.db.Availability;
import io.edgedeck.db.DeviceKind;
import io.edgedeck.db.IngestBatch;
import io.edgedeck.db.Metric;
import io.edgedeck.db.QuarantinedMessage;
import io.edgedeck.db.Reading;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one broker message into readings and availability changes of a device. Never throws for bad input: a
 * payload that cannot be decoded comes back as a batch holding one quarantined message with the reason.
 * Thread-safe.
 *
 * <p>The first rule of the {@link TopicMapping} whose pattern matches the topic decides the device (fixed id,
 * {@code {device_id}} level, or the topic with {@code /} replaced by {@code -}), the kind and the payload format (see
 * {@link PayloadFormat}). Then:
 * <ul>
 * <li>Values are JSON numbers or numeric strings ({@code "230.4"}); relay states may be on/off, true/false or 1/0.
 * Field names are matched case-insensitively; unknown fields are ignored, JSON {@code null} values are treated as
 * absent (ArduinoJson writes a failed sensor read as null). A reading needs at least one known value.</li>
 * <li>{@code ts} (or {@code timestamp}) is epoch seconds if its magnitude is below 10^11, else epoch milliseconds, or
 * an ISO-8601 string with offset or {@code Z}; it must lie between 2000-01-01 and one day after receipt. Without
 * {@code ts} the receive time counts.</li>
 * <li><b>Batches are all or nothing</b>: if one element of a batch (a JSON array or a {@code readings} array) is bad,
 * the whole message is quarantined and the reason names the element, e.g. {@code reading [3]: field "temperature"
 * is NaN}. In a batch of more than one reading every reading needs its own {@code ts}, since readings with the
 * same device and time would collapse into one.</li>
 * <li>Quarantined: empty or blank payloads, payloads over the size limit (the quarantined copy is cut to the limit),
 * malformed JSON, wrong types, NaN/Infinity, implausible times, no known value, topics no rule matches, and device
 * ids that are empty, longer than 64 characters or contain characters outside {@code A-Z a-z 0-9 . _ : -}.</li>
 * </ul>
 */
public final class MessageDecoder {
    /** Payloads larger than this many bytes are quarantined by {@link #MessageDecoder(TopicMapping)}. */
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 256 * 1024;
    /** Earliest plausible reading time: 2000-01-01T00:00:00Z. */
    public static final long MIN_EPOCH_MILLIS = 946_684_800_000L;
    /** How far after its receipt a reading's own time may lie (clock skew). */
    public static final long MAX_FUTURE_MILLIS = 86_400_000L;

    private static final long SECONDS_LIMIT = 100_000_000_000L; // |ts| below: seconds (year 5138); above: millis
    private static final int MAX_QUOTED = 60;
    private static final int MAX_NAMES = 5;

    private static final ObjectReader JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS) // so NaN gets its own reason, not "malformed"
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build()
            .reader();

    private final CompiledRule[] rules;
    private final int maxPayloadBytes;

    public MessageDecoder(TopicMapping mapping) {
        this(mapping, DEFAULT_MAX_PAYLOAD_BYTES);
    }

    public MessageDecoder(TopicMapping mapping, int maxPayloadBytes) {
        if (maxPayloadBytes <= 0) {
            throw new IllegalArgumentException("maxPayloadBytes must be positive");
        }
        this.rules = mapping.compiled();
        this.maxPayloadBytes = maxPayloadBytes;
    }

    public int maxPayloadBytes() {
        return maxPayloadBytes;
    }

    public IngestBatch decode(String topic, byte[] payload, long receivedMillis) {
        String t = topic == null ? "" : topic;
        byte[] p = payload == null ? new byte[0] : payload;
        try {
            if (p.length > maxPayloadBytes) {
                return IngestBatch.quarantine(new QuarantinedMessage(t, Arrays.copyOf(p, maxPayloadBytes),
                        "payload of " + p.length + " bytes is over the limit of " + maxPayloadBytes
                                + " bytes (only the first " + maxPayloadBytes + " bytes are kept)", receivedMillis));
            }
            return decodeChecked(t, p, receivedMillis);
        } catch (Bad e) {
            return IngestBatch.quarantine(new QuarantinedMessage(t, p, e.getMessage(), receivedMillis));
        } catch (RuntimeException | StackOverflowError e) {
            return IngestBatch.quarantine(new QuarantinedMessage(t, p, "decoder error: " + e, receivedMillis));
        }
    }

    private IngestBatch decodeChecked(String topic, byte[] payload, long received) {
        CompiledRule rule = null;
        String captured = null;
        for (CompiledRule r : rules) {
            captured = r.pattern.match(topic);
            if (captured != null) {
                rule = r;
                break;
            }
        }
        if (rule == null) {
            throw new Bad("no mapping rule matches this topic");
        }
        String deviceId = rule.constantDeviceId;
        if (deviceId == null) {
            deviceId = captured != TopicPattern.MATCHED ? captured : topic.replace('/', '-');
            if (!DeviceIds.isValid(deviceId)) {
                throw new Bad(deviceId.isEmpty() ? "the topic has an empty device id"
                        : "device id " + quote(deviceId) + " from the topic is not allowed (" + DeviceIds.RULE + ")");
            }
        }
        int first = firstNonBlank(payload);
        if (first < 0) {
            throw new Bad("empty payload");
        }
        return switch (rule.rule.format()) {
            case JSON -> json(rule, deviceId, payload, received);
            case KEYVALUE -> payload[first] == '{' || payload[first] == '['
                    ? json(rule, deviceId, payload, received)
                    : keyValue(rule, deviceId, text(payload), received);
            case STATUS -> status(rule, deviceId, token(payload, first, true), received);
            case AVAILABILITY -> availability(rule, deviceId, token(payload, first, false), received);
            case VALUE -> value(rule, deviceId, payload, first, received);
        };
    }

    // ---- JSON readings ------------------------------------------------------------------------------------------

    private IngestBatch json(CompiledRule rule, String deviceId, byte[] payload, long received) {
        JsonNode root = parse(payload);
        if (root.isObject()) {
            JsonNode readings = root.get("readings");
            if (readings == null) {
                Acc acc = new Acc();
                readObject(rule, root, null, acc, received);
                acc.requireValue();
                return IngestBatch.of(List.of(acc.toReading(deviceId, kind(rule, acc.mask), received)));
            }
            if (!readings.isArray()) {
                throw new Bad("field \"readings\" is not an array but " + describe(readings));
            }
            return batch(rule, deviceId, readings, received);
        }
        if (root.isArray()) {
            return batch(rule, deviceId, root, received);
        }
        throw new Bad("expected a JSON object or an array of readings, got " + describe(root));
    }

    private IngestBatch batch(CompiledRule rule, String deviceId, JsonNode array, long received) {
        int n = array.size();
        if (n == 0) {
            throw new Bad("the batch has no readings");
        }
        Acc[] accs = new Acc[n];
        int mask = 0;
        for (int i = 0; i < n; i++) {
            JsonNode element = array.get(i);
            if (!element.isObject()) {
                throw new Bad("reading [" + i + "] is not a JSON object but " + describe(element));
            }
            Acc acc = new Acc();
            try {
                readObject(rule, element, null, acc, received);
                acc.requireValue();
            } catch (Bad e) {
                throw new Bad("reading [" + i + "]: " + e.getMessage());
            }
            if (n > 1 && !acc.hasTs) {
                throw new Bad("reading [" + i + "]: no \"ts\" (in a batch of " + n
                        + " readings each needs its own time)");
            }
            accs[i] = acc;
            mask |= acc.mask;
        }
        DeviceKind kind = kind(rule, mask);
        var out = new ArrayList<Reading>(n);
        for (Acc acc : accs) {
            out.add(acc.toReading(deviceId, kind, received));
        }
        return IngestBatch.of(out);
    }

    private static void readObject(CompiledRule rule, JsonNode obj, String prefix, Acc acc, long received) {
        for (Map.Entry<String, JsonNode> e : obj.properties()) {
            String name = prefix == null ? e.getKey() : prefix + '.' + e.getKey();
            JsonNode v = e.getValue();
            if (v.isObject() && rule.hasNested(name)) {
                readObject(rule, v, name, acc, received);
                continue;
            }
            Field f = rule.lookup(name);
            if (f == null) {
                acc.unknown(name);
                continue;
            }
            if (f == Field.IGNORE) {
                continue;
            }
            if (v.isNull()) {
                acc.nullField(name);
                continue;
            }
            switch (f) {
                case TS -> acc.ts(ts(name, v, received));
                case RELAY -> acc.put(Metric.RELAY, relay(name, v));
                default -> acc.put(f.metric, scaled(rule, f.metric, name, number(name, v)));
            }
        }
    }

    private static JsonNode parse(byte[] payload) {
        try {
            JsonNode root = JSON.readTree(payload);
            if (root == null || root.isMissingNode()) {
                throw new Bad("empty payload");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String msg = e.getOriginalMessage();
            int nl = msg == null ? -1 : msg.indexOf('\n');
            if (nl >= 0) {
                msg = msg.substring(0, nl);
            }
            if (msg != null && msg.length() > 160) {
                msg = msg.substring(0, 160) + "…";
            }
            throw new Bad("malformed JSON" + (loc == null ? "" : " at line " + loc.getLineNr() + ", column "
                    + loc.getColumnNr()) + ": " + msg);
        } catch (IOException e) {
            throw new Bad("malformed JSON: " + e.getMessage());
        }
    }

    // ---- key:value text ---------------------------------------------------------------------------------------

    private static IngestBatch keyValue(CompiledRule rule, String deviceId, String text, long received) {
        Acc acc = new Acc();
        int n = text.length();
        int start = 0;
        while (start <= n) {
            int end = start;
            while (end < n) {
                char c = text.charAt(end);
                if (c == ',' || c == ';' || c == '\n' || c == '\r') {
                    break;
                }
                end++;
            }
            int s = start;
            int e = end;
            while (s < e && Character.isWhitespace(text.charAt(s))) {
                s++;
            }
            while (e > s && Character.isWhitespace(text.charAt(e - 1))) {
                e--;
            }
            if (s < e) {
                pair(rule, text, s, e, acc, received);
            }
            start = end + 1;
        }
        acc.requireValue();
        return IngestBatch.of(List.of(acc.toReading(deviceId, kind(rule, acc.mask), received)));
    }

    private static void pair(CompiledRule rule, String text, int s, int e, Acc acc, long received) {
        int sep = -1;
        for (int i = s; i < e; i++) {
            char c = text.charAt(i);
            if (c == ':' || c == '=') {
                sep = i;
                break;
            }
        }
        String key = sep < 0 ? "" : text.substring(s, sep).strip();
        if (key.isEmpty()) {
            throw new Bad("expected key:value, got " + quote(text.substring(s, e)));
        }
        String value = text.substring(sep + 1, e).strip();
        Field f = rule.lookup(key);
        if (f == null) {
            acc.unknown(key);
            return;
        }
        if (f == Field.IGNORE) {
            return;
        }
        if (value.isEmpty()) {
            throw new Bad("field " + quote(key) + " has no value");
        }
        switch (f) {
            case TS -> acc.ts(tsText(key, value, received));
            case RELAY -> acc.put(Metric.RELAY, relayText(key, value));
            default -> acc.put(f.metric, scaled(rule, f.metric, key, numberText(key, value)));
        }
    }

    // ---- single value -----------------------------------------------------------------------------------------

    private static IngestBatch value(CompiledRule rule, String deviceId, byte[] payload, int first, long received) {
        Metric m = rule.rule.metric();
        String name = m.key();
        double v;
        if (payload[first] == '{' || payload[first] == '[') {
            throw new Bad("expected a bare " + name + " value, got " + describe(parse(payload)));
        }
        String text = payload[first] == '"' ? stringToken(payload) : text(payload).strip();
        v = m == Metric.RELAY ? relayText(name, text) : scaled(rule, m, name, numberText(name, text));
        Acc acc = new Acc();
        acc.put(m, v);
        return IngestBatch.of(List.of(acc.toReading(deviceId, kind(rule, acc.mask), received)));
    }

    // ---- status and availability ------------------------------------------------------------------------------

    private static IngestBatch status(CompiledRule rule, String deviceId, String token, long received) {
        int relay = relayToken(token);
        if (relay >= 0) {
            DeviceKind kind = rule.rule.kind() != null ? rule.rule.kind() : DeviceKind.PLUG;
            return IngestBatch.of(List.of(new Reading(deviceId, kind, received, Map.of(Metric.RELAY, (double) relay))));
        }
        int online = onlineToken(token, false);
        if (online >= 0) {
            return IngestBatch.availability(new Availability(deviceId, availabilityKind(rule), online == 1, received));
        }
        throw new Bad("status " + quote(token) + " is neither on/off nor online/offline");
    }

    private static IngestBatch availability(CompiledRule rule, String deviceId, String token, long received) {
        int online = onlineToken(token, true);
        if (online < 0) {
            throw new Bad("availability " + quote(token) + " is neither online nor offline");
        }
        return IngestBatch.availability(new Availability(deviceId, availabilityKind(rule), online == 1, received));
    }

    private static DeviceKind availabilityKind(CompiledRule rule) {
        return rule.rule.kind() != null ? rule.rule.kind() : DeviceKind.GENERIC;
    }

    /** The status word of a text, JSON string or JSON object payload. */
    private static String token(byte[] payload, int first, boolean status) {
        byte b = payload[first];
        if (b == '"') {
            return stringToken(payload);
        }
        if (b == '[') {
            throw new Bad("expected a status word or object, got an array");
        }
        if (b != '{') {
            return text(payload).strip();
        }
        JsonNode root = parse(payload);
        JsonNode v = null;
        String found = null;
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            String k = e.getKey();
            if (k.equalsIgnoreCase("status") || k.equalsIgnoreCase("state")
                    || (!status && (k.equalsIgnoreCase("online") || k.equalsIgnoreCase("availability")))) {
                v = e.getValue();
                found = k;
                break;
            }
        }
        if (v == null) {
            throw new Bad(status ? "no \"status\" field" : "no \"status\" or \"online\" field");
        }
        if (v.isTextual()) {
            return v.textValue().strip();
        }
        if (v.isBoolean() || v.isIntegralNumber()) {
            return v.asText();
        }
        throw new Bad("field " + quote(found) + " is not a status word but " + describe(v));
    }

    private static String stringToken(byte[] payload) {
        JsonNode n = parse(payload);
        if (!n.isTextual()) {
            throw new Bad("expected a single JSON string, got " + describe(n));
        }
        return n.textValue().strip();
    }

    /** 1 on, 0 off, -1 neither. */
    private static int relayToken(String t) {
        if (t.equalsIgnoreCase("on") || t.equalsIgnoreCase("true") || t.equals("1")) {
            return 1;
        }
        if (t.equalsIgnoreCase("off") || t.equalsIgnoreCase("false") || t.equals("0")) {
            return 0;
        }
        return -1;
    }

    /** 1 online, 0 offline, -1 neither; booleans and 1/0 count only if {@code allowBoolean}. */
    private static int onlineToken(String t, boolean allowBoolean) {
        if (t.equalsIgnoreCase("online") || t.equalsIgnoreCase("connected")
                || (allowBoolean && (t.equalsIgnoreCase("true") || t.equals("1")))) {
            return 1;
        }
        if (t.equalsIgnoreCase("offline") || t.equalsIgnoreCase("disconnected")
                || (allowBoolean && (t.equalsIgnoreCase("false") || t.equals("0")))) {
            return 0;
        }
        return -1;
    }

    // ---- values -----------------------------------------------------------------------------------------------

    private static double number(String name, JsonNode v) {
        if (v.isNumber()) {
            return finite(name, v.doubleValue(), null);
        }
        if (v.isTextual()) {
            return numberText(name, v.textValue());
        }
        throw new Bad("field " + quote(name) + " is not a number but " + describe(v));
    }

    private static double numberText(String name, String raw) {
        String t = raw.strip();
        if (!isDecimal(t)) {
            if (t.equalsIgnoreCase("nan")) {
                throw new Bad("field " + quote(name) + " is NaN");
            }
            throw new Bad("field " + quote(name) + " is not a number: " + quote(raw));
        }
        return finite(name, Double.parseDouble(t), raw);
    }

    private static double finite(String name, double d, String raw) {
        if (Double.isNaN(d)) {
            throw new Bad("field " + quote(name) + " is NaN");
        }
        if (Double.isInfinite(d)) {
            throw new Bad("field " + quote(name) + " is " + (raw == null ? "infinite" : "out of range: " + quote(raw)));
        }
        return d;
    }

    private static double scaled(CompiledRule rule, Metric m, String name, double v) {
        double s = rule.scale(m);
        return s == 1.0 ? v : finite(name, v * s, null);
    }

    /** Optional sign, digits with at most one point, optional exponent: what JSON and people write, nothing else. */
    static boolean isDecimal(String t) {
        int n = t.length();
        int i = 0;
        if (i < n && (t.charAt(i) == '-' || t.charAt(i) == '+')) {
            i++;
        }
        int digits = 0;
        boolean point = false;
        for (; i < n; i++) {
            char c = t.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '.' && !point) {
                point = true;
            } else {
                break;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (t.charAt(i) == 'e' || t.charAt(i) == 'E')) {
            i++;
            if (i < n && (t.charAt(i) == '-' || t.charAt(i) == '+')) {
                i++;
            }
            int exp = 0;
            for (; i < n && t.charAt(i) >= '0' && t.charAt(i) <= '9'; i++) {
                exp++;
            }
            if (exp == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static double relay(String name, JsonNode v) {
        if (v.isBoolean()) {
            return v.booleanValue() ? 1 : 0;
        }
        if (v.isNumber()) {
            double d = v.doubleValue();
            if (d == 1 || d == 0) {
                return d;
            }
            throw new Bad("field " + quote(name) + " is not on/off: " + v);
        }
        if (v.isTextual()) {
            return relayText(name, v.textValue());
        }
        throw new Bad("field " + quote(name) + " is not on/off but " + describe(v));
    }

    private static double relayText(String name, String raw) {
        int r = relayToken(raw.strip());
        if (r < 0) {
            throw new Bad("field " + quote(name) + " is not on/off: " + quote(raw));
        }
        return r;
    }

    private static long ts(String name, JsonNode v, long received) {
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return plausible(name, epoch(v.longValue()), v.asText(), received);
        }
        if (v.isNumber()) {
            double d = finite(name, v.doubleValue(), null);
            return plausible(name, epoch(d), v.asText(), received);
        }
        if (v.isTextual()) {
            return tsText(name, v.textValue(), received);
        }
        throw new Bad("field " + quote(name) + " is not a time but " + describe(v));
    }

    private static long tsText(String name, String raw, long received) {
        String t = raw.strip();
        long ms;
        if (isDecimal(t)) {
            double d = finite(name, Double.parseDouble(t), raw);
            ms = t.indexOf('.') < 0 && t.indexOf('e') < 0 && t.indexOf('E') < 0 && t.length() < 19
                    ? epoch(Long.parseLong(t.startsWith("+") ? t.substring(1) : t)) : epoch(d);
        } else {
            try {
                ms = DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(t, Instant::from).toEpochMilli();
            } catch (DateTimeException | ArithmeticException e) {
                throw new Bad("field " + quote(name) + " is not a time: " + quote(raw)
                        + " (expected epoch seconds or milliseconds, or ISO-8601 with offset such as 2024-11-25T16:00:00Z)");
            }
        }
        return plausible(name, ms, quote(raw), received);
    }

    private static long epoch(long v) {
        return Math.abs(v) < SECONDS_LIMIT ? v * 1000 : v;
    }

    private static long epoch(double v) {
        return Math.round(Math.abs(v) < SECONDS_LIMIT ? v * 1000 : v);
    }

    private static long plausible(String name, long ms, String shown, long received) {
        if (ms < MIN_EPOCH_MILLIS) {
            throw new Bad("field " + quote(name) + " is before the year 2000: " + shown);
        }
        if (ms > received + MAX_FUTURE_MILLIS) {
            throw new Bad("field " + quote(name) + " is more than a day in the future: " + shown + " ("
                    + Instant.ofEpochMilli(ms) + ")");
        }
        return ms;
    }

    private static DeviceKind kind(CompiledRule rule, int mask) {
        if (rule.rule.kind() != null) {
            return rule.rule.kind();
        }
        if ((mask & Acc.PLUG_MASK) != 0) {
            return DeviceKind.PLUG;
        }
        if ((mask & Acc.SENSOR_MASK) != 0) {
            return DeviceKind.SENSOR;
        }
        return DeviceKind.GENERIC;
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static int firstNonBlank(byte[] p) {
        int i = 0;
        // skip a UTF-8 byte order mark
        if (p.length >= 3 && (p[0] & 0xFF) == 0xEF && (p[1] & 0xFF) == 0xBB && (p[2] & 0xFF) == 0xBF) {
            i = 3;
        }
        for (; i < p.length; i++) {
            byte b = p[i];
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r' && b != 0) {
                return i;
            }
        }
        return -1;
    }

    private static String text(byte[] p) {
        String s = new String(p, StandardCharsets.UTF_8);
        return !s.isEmpty() && s.charAt(0) == '\uFEFF' ? s.substring(1) : s;
    }

    private static String describe(JsonNode v) {
        return switch (v.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string " + quote(v.textValue());
            case BOOLEAN -> "a boolean (" + v.booleanValue() + ")";
            case NUMBER -> "a number (" + v.asText() + ")";
            case NULL -> "null";
            default -> v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** The text in double quotes, control characters escaped, cut to a readable length. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_QUOTED) + 4).append('"');
        for (int i = 0; i < s.length(); i++) {
            if (i == MAX_QUOTED) {
                b.append("…");
                break;
            }
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7F) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** The values of one reading while it is being read. */
    private static final class Acc {
        static final int PLUG_MASK = bit(Metric.VOLTAGE) | bit(Metric.CURRENT) | bit(Metric.POWER)
                | bit(Metric.ENERGY) | bit(Metric.RELAY);
        static final int SENSOR_MASK = bit(Metric.TEMPERATURE) | bit(Metric.HUMIDITY);

        final double[] values = new double[Metric.values().length];
        int mask;
        long ts;
        boolean hasTs;
        List<String> nulls;
        List<String> unknown;

        static int bit(Metric m) {
            return 1 << m.ordinal();
        }

        void put(Metric m, double v) {
            values[m.ordinal()] = v;
            mask |= bit(m);
        }

        void ts(long ms) {
            ts = ms;
            hasTs = true;
        }

        void nullField(String name) {
            if (nulls == null) {
                nulls = new ArrayList<>(2);
            }
            if (nulls.size() < MAX_NAMES) {
                nulls.add(quote(name));
            }
        }

        void unknown(String name) {
            if (unknown == null) {
                unknown = new ArrayList<>(4);
            }
            if (unknown.size() < MAX_NAMES) {
                unknown.add(quote(name));
            }
        }

        void requireValue() {
            if (mask != 0) {
                return;
            }
            if (nulls != null) {
                throw new Bad("no value: " + String.join(", ", nulls) + (nulls.size() == 1 ? " is" : " are") + " null");
            }
            throw new Bad("no known numeric field" + (unknown == null ? "" : " (found " + String.join(", ", unknown)
                    + ")") + "; expected voltage, current, power, energy, relay_state, temperature, humidity"
                    + " or an alias of the mapping rule");
        }

        Reading toReading(String deviceId, DeviceKind kind, long received) {
            var map = new EnumMap<Metric, Double>(Metric.class);
            for (Metric m : Metric.values()) {
                if ((mask & bit(m)) != 0) {
                    map.put(m, values[m.ordinal()]);
                }
            }
            return new Reading(deviceId, kind, hasTs ? ts : received, map);
        }
    }

    /** A reason to quarantine; cheap to throw (no stack trace). */
    private static final class Bad extends RuntimeException {
        Bad(String reason) {
            super(reason, null, false, false);
        }
    }
}
