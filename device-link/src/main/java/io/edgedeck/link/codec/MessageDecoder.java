package io.edgedeck.link.codec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.edgedeck.db.Availability;
import io.edgedeck.db.DecodeNote;
import io.edgedeck.db.DeviceKind;
import io.edgedeck.db.IngestBatch;
import io.edgedeck.db.Metric;
import io.edgedeck.db.QuarantinedMessage;
import io.edgedeck.db.Reading;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.edgedeck.link.codec.Values.describe;
import static io.edgedeck.link.codec.Values.firstNonBlank;
import static io.edgedeck.link.codec.Values.number;
import static io.edgedeck.link.codec.Values.numberText;
import static io.edgedeck.link.codec.Values.onlineToken;
import static io.edgedeck.link.codec.Values.relay;
import static io.edgedeck.link.codec.Values.relayText;
import static io.edgedeck.link.codec.Values.relayToken;
import static io.edgedeck.link.codec.Values.scaled;
import static io.edgedeck.link.codec.Values.text;
import static io.edgedeck.link.codec.Values.ts;
import static io.edgedeck.link.codec.Values.tsText;

/**
 * Turns one broker message into readings and availability changes of a device. Never throws for bad input: a
 * payload that cannot be decoded comes back as a batch holding one quarantined message with the reason; a message that
 * is understood but holds nothing to store (a command, a discovery config, a status without relay) comes back as a
 * batch holding a {@link DecodeNote}. Thread-safe.
 *
 * <p>Rules learnt from Home Assistant discovery messages come first (by exact topic), then the first rule of the
 * {@link TopicMapping} whose pattern matches the topic decides the device (fixed id, {@code {device_id}} level, or the
 * topic with {@code /} replaced by {@code -}; a {@code {channel}} n makes it {@code <id>-n}), the kind and the payload
 * format (see {@link PayloadFormat}). So no payload is ever decoded by two formats. Then:
 * <ul>
 * <li>Values are JSON numbers or numeric strings ({@code "230.4"}); relay states may be on/off, true/false or 1/0.
 * Field names are matched case-insensitively; unknown fields are ignored, JSON {@code null} values are treated as
 * absent (ArduinoJson writes a failed sensor read as null). A reading needs at least one known value.</li>
 * <li>An array for an aliased metric ({@code "ENERGY.Power":[52,5]}, a multi-channel meter) gives channel 1, 2, ... of the device:
 * devices {@code <id>-1}, {@code <id>-2}; aliases such as {@code "POWER{n}": "relay@{n}"} name channels too.</li>
 * <li>{@code ts} (or {@code timestamp}) is epoch seconds if its magnitude is below 10^11, else epoch milliseconds, or
 * an ISO-8601 string with offset or {@code Z}; it must lie between 2000-01-01 and one day after receipt. Without
 * {@code ts} the receive time counts.</li>
 * <li>Values are converted to EdgeDeck's units (kWh, °C, ...) from the rule's {@code units}/{@code scale} and a
 * payload's {@code TempUnit}.</li>
 * <li><b>Batches are all or nothing</b>: if one element of a batch (a JSON array or a {@code readings} array) is bad,
 * the whole message is quarantined and the reason names the element, e.g. {@code reading [3]: field "temperature"
 * is NaN}. In a batch of more than one reading every reading needs its own {@code ts}, since readings with the
 * same device and time would collapse into one.</li>
 * <li>Quarantined: empty or blank payloads, payloads over the size limit (the quarantined copy is cut to the limit),
 * malformed JSON, wrong types, NaN/Infinity (also ESPHome's {@code nan}), implausible times, no known value, topics no
 * rule matches, and device ids that are empty, longer than 64 characters or contain characters outside
 * {@code A-Z a-z 0-9 . _ : -}.</li>
 * </ul>
 */
public final class MessageDecoder {
    /** Payloads larger than this many bytes are quarantined by {@link #MessageDecoder(TopicMapping)}. */
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 256 * 1024;
    /** Earliest plausible reading time: 2000-01-01T00:00:00Z. */
    public static final long MIN_EPOCH_MILLIS = 946_684_800_000L;
    /** How far after its receipt a reading's own time may lie (clock skew). */
    public static final long MAX_FUTURE_MILLIS = 86_400_000L;

    private static final ObjectReader JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS) // so NaN gets its own reason, not "malformed"
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build()
            .reader();

    private final TopicMapping mapping;
    private final CompiledRule[] rules;
    private final int maxPayloadBytes;
    private final DiscoveredEntities discovered = new DiscoveredEntities();

    public MessageDecoder(TopicMapping mapping) {
        this(mapping, DEFAULT_MAX_PAYLOAD_BYTES);
    }

    public MessageDecoder(TopicMapping mapping, int maxPayloadBytes) {
        if (maxPayloadBytes <= 0) {
            throw new IllegalArgumentException("maxPayloadBytes must be positive");
        }
        this.mapping = mapping;
        this.rules = mapping.compiled();
        this.maxPayloadBytes = maxPayloadBytes;
    }

    public int maxPayloadBytes() {
        return maxPayloadBytes;
    }

    /** Decodes a message that was not delivered as retained. */
    public IngestBatch decode(String topic, byte[] payload, long receivedMillis) {
        return decode(topic, payload, false, receivedMillis);
    }

    /**
     * @param retained whether the broker delivered the message as a retained one (it matters for commands: a retained
     *                 {@code cmnd/<topic>/POWER} switches a Tasmota plug by itself whenever it reconnects)
     */
    public IngestBatch decode(String topic, byte[] payload, boolean retained, long receivedMillis) {
        String t = topic == null ? "" : topic;
        byte[] p = payload == null ? new byte[0] : payload;
        try {
            if (p.length > maxPayloadBytes) {
                return IngestBatch.quarantine(new QuarantinedMessage(t, Arrays.copyOf(p, maxPayloadBytes),
                        "payload of " + p.length + " bytes is over the limit of " + maxPayloadBytes
                                + " bytes (only the first " + maxPayloadBytes + " bytes are kept)", receivedMillis));
            }
            return decodeChecked(t, p, retained, receivedMillis);
        } catch (DecodeProblem e) {
            return IngestBatch.quarantine(new QuarantinedMessage(t, p, e.getMessage(), receivedMillis));
        } catch (RuntimeException | StackOverflowError e) {
            return IngestBatch.quarantine(new QuarantinedMessage(t, p, "decoder error: " + e, receivedMillis));
        }
    }

    /**
     * The MQTT filters to subscribe to now: the mapping's, plus the topics of discovered devices that those do not
     * cover. Changes when {@link #discoveryVersion()} does.
     */
    public List<String> subscriptionFilters() {
        List<MappingRule> found = discovered.rules();
        if (found.isEmpty()) {
            return mapping.subscriptionFilters();
        }
        var all = new ArrayList<String>(mapping.subscriptionFilters());
        for (MappingRule r : found) {
            all.add(r.topic());
        }
        return TopicMapping.reduceFilters(all);
    }

    /** Increases whenever a discovery message added, changed or removed a device's fields. */
    public long discoveryVersion() {
        return discovered.version();
    }

    /** The rules learnt from Home Assistant discovery in this session, as a mapping that can be saved; empty if none. */
    public Optional<TopicMapping> discoveredMapping() {
        List<MappingRule> found = discovered.rules();
        return found.isEmpty() ? Optional.empty() : Optional.of(TopicMapping.of(found));
    }

    private IngestBatch decodeChecked(String topic, byte[] payload, boolean retained, long received) {
        CompiledRule rule = discovered.ruleFor(topic);
        TopicMatch match = rule == null ? null : TopicMatch.PLAIN;
        if (rule == null) {
            for (CompiledRule r : rules) {
                match = r.pattern.match(topic);
                if (match != null) {
                    rule = r;
                    break;
                }
            }
        }
        if (rule == null) {
            throw new DecodeProblem("no mapping rule matches this topic");
        }
        PayloadFormat format = rule.rule.format();
        if (format == PayloadFormat.HA_DISCOVERY) {
            return discovery(rule, topic, payload, received);
        }
        String deviceId = rule.constantDeviceId;
        if (deviceId == null) {
            deviceId = match.deviceId() != null ? match.deviceId() : topic.replace('/', '-');
            if (!DeviceIds.isValid(deviceId)) {
                throw new DecodeProblem(deviceId.isEmpty() ? "the topic has an empty device id"
                        : "device id " + quote(deviceId) + " from the topic is not allowed (" + DeviceIds.RULE + ")");
            }
        }
        if (format == PayloadFormat.COMMAND) {
            return command(topic, deviceId, payload, retained, received);
        }
        int first = firstNonBlank(payload);
        if (first < 0) {
            throw new DecodeProblem("empty payload");
        }
        int channel = match.channel();
        return switch (format) {
            case JSON -> json(rule, deviceId, channel, topic, payload, received);
            case KEYVALUE -> payload[first] == '{' || payload[first] == '['
                    ? json(rule, deviceId, channel, topic, payload, received)
                    : keyValue(rule, channelId(deviceId, channel), text(payload), received);
            case STATUS -> status(rule, channelId(deviceId, channel), token(payload, first, true), received);
            case AVAILABILITY -> availability(rule, channelId(deviceId, channel), token(payload, first, false), received);
            case VALUE -> value(rule, channelId(deviceId, channel), match.field(), topic, payload, first, received);
            case COMMAND, HA_DISCOVERY -> throw new IllegalStateException("handled above");
        };
    }

    /** Channel n of device D is device {@code D-n}; channel 0 (or none) is D itself. */
    private static String channelId(String deviceId, int channel) {
        if (channel <= 0) {
            return deviceId;
        }
        String id = deviceId + "-" + channel;
        if (id.length() > DeviceIds.MAX_LENGTH) {
            throw new DecodeProblem("device id " + quote(id) + " of channel " + channel + " is longer than "
                    + DeviceIds.MAX_LENGTH + " characters");
        }
        return id;
    }

    // ---- JSON readings ------------------------------------------------------------------------------------------

    private IngestBatch json(CompiledRule rule, String deviceId, int channel, String topic, byte[] payload, long received) {
        JsonNode root = parse(payload);
        if (root.isObject()) {
            JsonNode readings = root.get("readings");
            if (readings == null) {
                ChannelReadings r = new ChannelReadings();
                readObject(rule, root, null, r, channel, received);
                if (!r.hasValue()) {
                    if (rule.rule.quiet()) {
                        return IngestBatch.note(new DecodeNote(topic, DecodeNote.Level.INFO,
                                "nothing EdgeDeck stores in this message (" + r.base.nothingReason() + ")", received));
                    }
                    throw new DecodeProblem(r.base.nothingReason());
                }
                r.convertUnits(rule);
                var out = new ArrayList<Reading>(1);
                r.forEachWithValues((c, acc) ->
                        out.add(acc.toReading(channelId(deviceId, c), kind(rule, acc.mask), r.hasTs ? r.ts : received)));
                return IngestBatch.of(out);
            }
            if (!readings.isArray()) {
                throw new DecodeProblem("field \"readings\" is not an array but " + describe(readings));
            }
            return batch(rule, deviceId, channel, readings, received);
        }
        if (root.isArray()) {
            return batch(rule, deviceId, channel, root, received);
        }
        throw new DecodeProblem("expected a JSON object or an array of readings, got " + describe(root));
    }

    private IngestBatch batch(CompiledRule rule, String deviceId, int channel, JsonNode array, long received) {
        int n = array.size();
        if (n == 0) {
            throw new DecodeProblem("the batch has no readings");
        }
        ChannelReadings[] all = new ChannelReadings[n];
        Map<Integer, Integer> masks = new HashMap<>();
        for (int i = 0; i < n; i++) {
            JsonNode element = array.get(i);
            if (!element.isObject()) {
                throw new DecodeProblem("reading [" + i + "] is not a JSON object but " + describe(element));
            }
            ChannelReadings r = new ChannelReadings();
            try {
                readObject(rule, element, null, r, channel, received);
                if (!r.hasValue()) {
                    throw new DecodeProblem(r.base.nothingReason());
                }
                r.convertUnits(rule);
            } catch (DecodeProblem e) {
                throw new DecodeProblem("reading [" + i + "]: " + e.getMessage());
            }
            if (n > 1 && !r.hasTs) {
                throw new DecodeProblem("reading [" + i + "]: no \"ts\" (in a batch of " + n
                        + " readings each needs its own time)");
            }
            all[i] = r;
            r.forEachWithValues((c, acc) -> masks.merge(c, acc.mask, (a, b) -> a | b));
        }
        var out = new ArrayList<Reading>(n);
        for (ChannelReadings r : all) {
            r.forEachWithValues((c, acc) -> out.add(acc.toReading(channelId(deviceId, c), kind(rule, masks.get(c)),
                    r.hasTs ? r.ts : received)));
        }
        return IngestBatch.of(out);
    }

    private static void readObject(CompiledRule rule, JsonNode obj, String prefix, ChannelReadings out,
                                   int channel, long received) {
        for (Map.Entry<String, JsonNode> e : obj.properties()) {
            String name = prefix == null ? e.getKey() : prefix + '.' + e.getKey();
            JsonNode v = e.getValue();
            if (v.isObject() && rule.hasNested(name)) {
                readObject(rule, v, name, out, channel, received);
                continue;
            }
            AliasTarget t = rule.lookup(name);
            if (t == null) {
                out.base.unknown(name);
                continue;
            }
            Field f = t.field();
            if (f == Field.IGNORE) {
                continue;
            }
            if (v.isNull()) {
                out.base.nullField(name);
                continue;
            }
            int c = t.channel() >= 0 ? t.channel() : channel;
            switch (f) {
                case TS -> out.ts(ts(name, v, received));
                case TEMP_UNIT -> {
                    if (!v.isTextual()) {
                        throw new DecodeProblem("field " + quote(name) + " is not a unit but " + describe(v));
                    }
                    out.tempUnit = v.textValue().strip();
                }
                default -> {
                    if (v.isArray() && !CompiledRule.isBuiltIn(t)) {
                        channels(rule, f, name, v, t, out);
                    } else {
                        out.at(c).put(f.metric, f == Field.RELAY ? relay(name, v)
                                : scaled(rule, f.metric, name, number(name, v)));
                    }
                }
            }
        }
    }

    /** {@code "Power":[52,5]}: element i is channel i+1; null elements are skipped. */
    private static void channels(CompiledRule rule, Field f, String name, JsonNode array, AliasTarget t,
                                 ChannelReadings out) {
        if (t.channel() >= 0) {
            throw new DecodeProblem("field " + quote(name) + " is an array, but its alias names channel " + t.channel());
        }
        for (int i = 0; i < array.size(); i++) {
            JsonNode el = array.get(i);
            if (el.isNull()) {
                continue;
            }
            String elName = name + "[" + (i + 1) + "]";
            out.at(i + 1).put(f.metric, f == Field.RELAY ? relay(elName, el)
                    : scaled(rule, f.metric, elName, number(elName, el)));
        }
    }

    private static JsonNode parse(byte[] payload) {
        try {
            JsonNode root = JSON.readTree(payload);
            if (root == null || root.isMissingNode()) {
                throw new DecodeProblem("empty payload");
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
            throw new DecodeProblem("malformed JSON" + (loc == null ? "" : " at line " + loc.getLineNr() + ", column "
                    + loc.getColumnNr()) + ": " + msg);
        } catch (IOException e) {
            throw new DecodeProblem("malformed JSON: " + e.getMessage());
        }
    }

    // ---- key:value text ---------------------------------------------------------------------------------------

    private static IngestBatch keyValue(CompiledRule rule, String deviceId, String text, long received) {
        ReadingAccumulator acc = new ReadingAccumulator();
        long[] ts = {Long.MIN_VALUE};
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
                pair(rule, text, s, e, acc, ts, received);
            }
            start = end + 1;
        }
        if (acc.mask == 0) {
            throw new DecodeProblem(acc.nothingReason());
        }
        return IngestBatch.of(List.of(acc.toReading(deviceId, kind(rule, acc.mask),
                ts[0] != Long.MIN_VALUE ? ts[0] : received)));
    }

    private static void pair(CompiledRule rule, String text, int s, int e, ReadingAccumulator acc, long[] ts,
                             long received) {
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
            throw new DecodeProblem("expected key:value, got " + quote(text.substring(s, e)));
        }
        String value = text.substring(sep + 1, e).strip();
        AliasTarget t = rule.lookup(key);
        if (t == null) {
            acc.unknown(key);
            return;
        }
        Field f = t.field();
        if (f == Field.IGNORE || f == Field.TEMP_UNIT) {
            return;
        }
        if (value.isEmpty()) {
            throw new DecodeProblem("field " + quote(key) + " has no value");
        }
        switch (f) {
            case TS -> ts[0] = tsText(key, value, received);
            case RELAY -> acc.put(Metric.RELAY, relayText(key, value));
            default -> {
                double v = scaled(rule, f.metric, key, numberText(key, value));
                acc.put(f.metric, convert(rule.unit(f.metric), key, v));
            }
        }
    }

    private static double convert(Units.Conversion c, String name, double v) {
        if (c == Units.Conversion.NONE) {
            return v;
        }
        double r = c.apply(v);
        if (!Double.isFinite(r)) {
            throw new DecodeProblem("field " + quote(name) + " is out of range after unit conversion");
        }
        return r;
    }

    // ---- single value -----------------------------------------------------------------------------------------

    private static IngestBatch value(CompiledRule rule, String deviceId, String field, String topic, byte[] payload,
                                     int first, long received) {
        Metric m = rule.rule.metric();
        Units.Conversion unit;
        String name;
        if (m != null) {
            name = m.key();
            unit = rule.unit(m);
        } else {
            name = field;
            AliasTarget t = rule.lookup(field);
            if (t != null && t.field() == Field.IGNORE) {
                return ignoredValue(rule, field, topic, received, "is ignored by the mapping");
            }
            if (t != null && t.field().metric == null) {
                throw new DecodeProblem(quote(field) + " is not a metric but " + t.field().key());
            }
            m = t != null ? t.field().metric : NameHeuristics.metricOf(field);
            if (m == null) {
                return ignoredValue(rule, field, topic, received, "is not a quantity EdgeDeck stores"
                        + " (map it with an alias in the mapping if it is one)");
            }
            unit = m == Metric.ENERGY && NameHeuristics.saysKilowattHours(field) ? Units.Conversion.NONE : rule.unit(m);
        }
        if (payload[first] == '{' || payload[first] == '[') {
            throw new DecodeProblem("expected a bare " + name + " value, got " + describe(parse(payload)));
        }
        String text = payload[first] == '"' ? stringToken(payload) : text(payload).strip();
        double v = m == Metric.RELAY ? relayText(name, text) : convert(unit, name, scaled(rule, m, name, numberText(name, text)));
        ReadingAccumulator acc = new ReadingAccumulator();
        acc.put(m, v);
        return IngestBatch.of(List.of(acc.toReading(deviceId, kind(rule, acc.mask), received)));
    }

    private static IngestBatch ignoredValue(CompiledRule rule, String field, String topic, long received, String why) {
        String text = "value " + quote(field) + " " + why;
        if (!rule.rule.quiet()) {
            throw new DecodeProblem(text);
        }
        return IngestBatch.note(new DecodeNote(topic, DecodeNote.Level.INFO, text, received));
    }

    // ---- status and availability ------------------------------------------------------------------------------

    private static IngestBatch status(CompiledRule rule, String deviceId, String token, long received) {
        Boolean word = rule.rule.word(token);
        int relay = word != null ? (word ? 1 : 0) : relayToken(token);
        if (relay >= 0) {
            DeviceKind kind = rule.rule.kind() != null ? rule.rule.kind() : DeviceKind.PLUG;
            return IngestBatch.of(List.of(new Reading(deviceId, kind, received, Map.of(Metric.RELAY, (double) relay))));
        }
        int online = onlineToken(token, false);
        if (online >= 0) {
            return IngestBatch.availability(new Availability(deviceId, availabilityKind(rule), online == 1, received));
        }
        throw new DecodeProblem("status " + quote(token) + " is neither on/off nor online/offline");
    }

    private static IngestBatch availability(CompiledRule rule, String deviceId, String token, long received) {
        Boolean word = rule.rule.word(token);
        int online = word != null ? (word ? 1 : 0) : onlineToken(token, true);
        if (online < 0) {
            throw new DecodeProblem("availability " + quote(token) + " is neither online nor offline");
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
            throw new DecodeProblem("expected a status word or object, got an array");
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
            throw new DecodeProblem(status ? "no \"status\" field" : "no \"status\" or \"online\" field");
        }
        if (v.isTextual()) {
            return v.textValue().strip();
        }
        if (v.isBoolean() || v.isIntegralNumber()) {
            return v.asText();
        }
        throw new DecodeProblem("field " + quote(found) + " is not a status word but " + describe(v));
    }

    private static String stringToken(byte[] payload) {
        JsonNode n = parse(payload);
        if (!n.isTextual()) {
            throw new DecodeProblem("expected a single JSON string, got " + describe(n));
        }
        return n.textValue().strip();
    }

    // ---- commands ---------------------------------------------------------------------------------------------

    private static IngestBatch command(String topic, String deviceId, byte[] payload, boolean retained, long received) {
        String word = text(payload).strip();
        DecodeNote note;
        if (!retained) {
            note = new DecodeNote(topic, DecodeNote.Level.INFO, "a command to " + deviceId
                    + (word.isEmpty() ? "" : " (" + quote(word) + ")") + ", not telemetry", received);
        } else if (word.isEmpty()) {
            note = new DecodeNote(topic, DecodeNote.Level.INFO, "the retained command for " + deviceId + " was cleared",
                    received);
        } else {
            String last = topic.substring(topic.lastIndexOf('/') + 1);
            boolean power = last.regionMatches(true, 0, "POWER", 0, 5);
            note = new DecodeNote(topic, DecodeNote.Level.WARNING, "a retained command " + quote(word) + " is stored"
                    + " at the broker on " + topic + ": Tasmota device " + deviceId + " executes it again every time it"
                    + " reconnects" + (power ? ", so it switches by itself" : "") + "; clear it with an empty retained"
                    + " message, e.g. mosquitto_pub -r -n -t '" + topic + "'", received);
        }
        return IngestBatch.note(note);
    }

    // ---- Home Assistant discovery -----------------------------------------------------------------------------

    private IngestBatch discovery(CompiledRule rule, String topic, byte[] payload, long received) {
        int skip = rule.pattern.levelsBeforeMulti();
        List<String> levels = new ArrayList<>(List.of(topic.split("/", -1)));
        List<String> rest = levels.size() > skip ? levels.subList(skip, levels.size()) : List.of();
        if (rest.size() < 3 || rest.size() > 4 || !rest.getLast().equals("config")) {
            if (rest.size() == 1 && rest.getFirst().equals("status")) {
                return IngestBatch.note(new DecodeNote(topic, DecodeNote.Level.INFO,
                        "Home Assistant's own online/offline status", received));
            }
            throw new DecodeProblem("no discovered device publishes on this topic"
                    + " (discovery configs are <prefix>/<component>/[<node_id>/]<object_id>/config)");
        }
        for (String level : rest) {
            if (level.isEmpty()) {
                throw new DecodeProblem("the discovery topic has an empty level");
            }
        }
        if (firstNonBlank(payload) < 0) {
            DiscoveredEntity old = discovered.remove(topic);
            return IngestBatch.note(new DecodeNote(topic, DecodeNote.Level.INFO, old == null
                    ? "discovery config removed (EdgeDeck had not used it)"
                    : "discovery config removed: no longer reading " + old.describe(), received));
        }
        JsonNode config = parse(payload);
        HaDiscovery.Outcome outcome = HaDiscovery.read(topic, rest, config);
        if (outcome.entity() == null) {
            DiscoveredEntity old = discovered.remove(topic);
            return IngestBatch.note(new DecodeNote(topic, DecodeNote.Level.INFO, "discovery config left aside: "
                    + outcome.ignored() + (old == null ? "" : " (no longer reading " + old.describe() + ")"), received));
        }
        DiscoveredEntity e = outcome.entity();
        return switch (discovered.put(e)) {
            case ADDED -> IngestBatch.note(new DecodeNote(topic, DecodeNote.Level.INFO, "discovered " + e.describe(), received));
            case UPDATED -> IngestBatch.note(new DecodeNote(topic, DecodeNote.Level.INFO, "rediscovered " + e.describe(), received));
            case UNCHANGED -> IngestBatch.note(new DecodeNote(topic, DecodeNote.Level.INFO, "already known: " + e.describe(), received));
            case FULL -> IngestBatch.note(new DecodeNote(topic, DecodeNote.Level.WARNING, "discovery config left aside: "
                    + "EdgeDeck keeps at most " + DiscoveredEntities.MAX_ENTITIES + " discovered entities", received));
        };
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static DeviceKind kind(CompiledRule rule, int mask) {
        if (rule.rule.kind() != null) {
            return rule.rule.kind();
        }
        if ((mask & ReadingAccumulator.PLUG_MASK) != 0) {
            return DeviceKind.PLUG;
        }
        if ((mask & ReadingAccumulator.SENSOR_MASK) != 0) {
            return DeviceKind.SENSOR;
        }
        return DeviceKind.GENERIC;
    }

    /** The text in double quotes, control characters escaped, cut to a readable length. */
    static String quote(String s) {
        return Values.quote(s);
    }

    static boolean isDecimal(String t) {
        return Values.isDecimal(t);
    }
}
