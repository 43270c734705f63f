package io.edgedeck.link.codec;

import java.util.ArrayList;
import java.util.List;

/**
 * A compiled topic pattern: levels separated by {@code /}, each a literal, a placeholder such as {@code {device_id}}
 * (one whole level), {@code +} (one level) or, as the last level only, {@code #} (any number of levels, also none).
 * Three placeholders capture: {@code {device_id}} (the device), {@code {field}} (a level naming the value, e.g.
 * ESPHome's {@code <node>/sensor/<name>/state}) and {@code {channel}} — one to three digits, either a whole level or
 * the end of a level after fixed text, e.g. {@code stat/{device_id}/POWER{channel}} or
 * {@code {device_id}/status/switch:{channel}}. Other placeholders behave like {@code +}. Matching walks the topic
 * string without regular expressions or splitting.
 */
final class TopicPattern {
    static final String DEVICE_PLACEHOLDER = "{device_id}";
    static final String CHANNEL_PLACEHOLDER = "{channel}";
    static final String FIELD_PLACEHOLDER = "{field}";
    private static final int MAX_CHANNEL_DIGITS = 3;

    private enum Kind { LITERAL, SINGLE, MULTI, CHANNEL }

    private final String pattern;
    private final Kind[] kinds;
    /** The literal text of a LITERAL level, the fixed text before the digits of a CHANNEL level; else null. */
    private final String[] texts;
    private final int deviceLevel;
    private final int channelLevel;
    private final int fieldLevel;
    private final String filter;

    private TopicPattern(String pattern, Kind[] kinds, String[] texts, int deviceLevel, int channelLevel,
                         int fieldLevel, String filter) {
        this.pattern = pattern;
        this.kinds = kinds;
        this.texts = texts;
        this.deviceLevel = deviceLevel;
        this.channelLevel = channelLevel;
        this.fieldLevel = fieldLevel;
        this.filter = filter;
    }

    /** @throws IllegalArgumentException naming what is wrong with the pattern */
    static TopicPattern compile(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            throw new IllegalArgumentException("topic pattern is empty");
        }
        if (pattern.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("topic pattern \"" + pattern + "\" contains a NUL character");
        }
        List<String> parts = splitLevels(pattern);
        Kind[] kinds = new Kind[parts.size()];
        String[] texts = new String[parts.size()];
        StringBuilder filter = new StringBuilder(pattern.length());
        int deviceLevel = -1;
        int channelLevel = -1;
        int fieldLevel = -1;
        for (int i = 0; i < kinds.length; i++) {
            String part = parts.get(i);
            if (part.equals("#")) {
                if (i != kinds.length - 1) {
                    throw new IllegalArgumentException("topic pattern \"" + pattern + "\": '#' must be the last level");
                }
                kinds[i] = Kind.MULTI;
            } else if (part.equals("+")) {
                kinds[i] = Kind.SINGLE;
            } else if (part.endsWith(CHANNEL_PLACEHOLDER) && part.indexOf('{') == part.length() - CHANNEL_PLACEHOLDER.length()
                    && noWildcard(part.substring(0, part.length() - CHANNEL_PLACEHOLDER.length()))) {
                if (channelLevel >= 0) {
                    throw new IllegalArgumentException("topic pattern \"" + pattern + "\": {channel} appears twice");
                }
                channelLevel = i;
                kinds[i] = Kind.CHANNEL;
                texts[i] = part.substring(0, part.length() - CHANNEL_PLACEHOLDER.length());
            } else if (part.startsWith("{") && part.endsWith("}") && part.length() > 2) {
                String name = part.substring(1, part.length() - 1);
                if (!name.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
                    throw new IllegalArgumentException("topic pattern \"" + pattern + "\": bad placeholder \"" + part
                            + "\" (use lower-case letters, digits and _, e.g. {device_id})");
                }
                if (part.equals(DEVICE_PLACEHOLDER)) {
                    if (deviceLevel >= 0) {
                        throw new IllegalArgumentException("topic pattern \"" + pattern + "\": {device_id} appears twice");
                    }
                    deviceLevel = i;
                } else if (part.equals(FIELD_PLACEHOLDER)) {
                    if (fieldLevel >= 0) {
                        throw new IllegalArgumentException("topic pattern \"" + pattern + "\": {field} appears twice");
                    }
                    fieldLevel = i;
                }
                kinds[i] = Kind.SINGLE;
            } else if (!noWildcard(part)) {
                throw new IllegalArgumentException("topic pattern \"" + pattern + "\": level \"" + part
                        + "\" mixes text with a wildcard or placeholder; a placeholder must be a whole level"
                        + " (only {channel} may follow fixed text, as in POWER{channel})");
            } else {
                kinds[i] = Kind.LITERAL;
                texts[i] = part;
            }
            if (i > 0) {
                filter.append('/');
            }
            filter.append(switch (kinds[i]) {
                case LITERAL -> texts[i];
                case MULTI -> "#";
                default -> "+";
            });
        }
        return new TopicPattern(pattern, kinds, texts, deviceLevel, channelLevel, fieldLevel, filter.toString());
    }

    private static boolean noWildcard(String s) {
        return s.indexOf('+') < 0 && s.indexOf('#') < 0 && s.indexOf('{') < 0 && s.indexOf('}') < 0;
    }

    private static List<String> splitLevels(String s) {
        List<String> out = new ArrayList<>();
        int start = 0;
        while (true) {
            int slash = s.indexOf('/', start);
            if (slash < 0) {
                out.add(s.substring(start));
                return out;
            }
            out.add(s.substring(start, slash));
            start = slash + 1;
        }
    }

    String pattern() {
        return pattern;
    }

    /** The MQTT subscription filter: placeholders become {@code +}. */
    String filter() {
        return filter;
    }

    boolean capturesDevice() {
        return deviceLevel >= 0;
    }

    boolean capturesField() {
        return fieldLevel >= 0;
    }

    /** The number of fixed levels before a trailing {@code #}, e.g. 1 for {@code homeassistant/#}. */
    int levelsBeforeMulti() {
        return kinds[kinds.length - 1] == Kind.MULTI ? kinds.length - 1 : kinds.length;
    }

    /** True if the pattern has no wildcard or placeholder, i.e. matches exactly one topic. */
    boolean isLiteral() {
        for (Kind k : kinds) {
            if (k != Kind.LITERAL) {
                return false;
            }
        }
        return true;
    }

    /** What the topic's levels gave, or null if the topic does not match. */
    TopicMatch match(String topic) {
        int n = topic.length();
        int pos = 0;
        int devStart = -1, devEnd = -1, fieldStart = -1, fieldEnd = -1;
        int channel = -1;
        for (int i = 0; i < kinds.length; i++) {
            Kind kind = kinds[i];
            if (kind == Kind.MULTI) {
                return result(topic, devStart, devEnd, channel, fieldStart, fieldEnd);
            }
            if (pos > n) {
                return null; // topic has fewer levels
            }
            int end = topic.indexOf('/', pos);
            if (end < 0) {
                end = n;
            }
            switch (kind) {
                case SINGLE -> {
                    if (i == deviceLevel) {
                        devStart = pos;
                        devEnd = end;
                    } else if (i == fieldLevel) {
                        fieldStart = pos;
                        fieldEnd = end;
                    }
                }
                case LITERAL -> {
                    String level = texts[i];
                    if (end - pos != level.length() || !topic.startsWith(level, pos)) {
                        return null;
                    }
                }
                case CHANNEL -> {
                    String prefix = texts[i];
                    int digits = end - pos - prefix.length();
                    if (digits < 1 || digits > MAX_CHANNEL_DIGITS || !topic.startsWith(prefix, pos)) {
                        return null;
                    }
                    int c = 0;
                    for (int k = pos + prefix.length(); k < end; k++) {
                        char ch = topic.charAt(k);
                        if (ch < '0' || ch > '9') {
                            return null;
                        }
                        c = c * 10 + (ch - '0');
                    }
                    channel = c;
                }
                default -> throw new IllegalStateException();
            }
            pos = end + 1;
        }
        return pos == n + 1 ? result(topic, devStart, devEnd, channel, fieldStart, fieldEnd) : null;
    }

    private TopicMatch result(String topic, int devStart, int devEnd, int channel, int fieldStart, int fieldEnd) {
        if (deviceLevel < 0 && fieldLevel < 0 && channelLevel < 0) {
            return TopicMatch.PLAIN;
        }
        return new TopicMatch(deviceLevel >= 0 ? topic.substring(devStart, devEnd) : null, channel,
                fieldLevel >= 0 ? topic.substring(fieldStart, fieldEnd) : null);
    }

    /** True if every topic matched by filter {@code b} is also matched by filter {@code a} (both MQTT filters). */
    static boolean covers(String a, String b) {
        List<String> la = splitLevels(a);
        List<String> lb = splitLevels(b);
        for (int i = 0; i < la.size(); i++) {
            String x = la.get(i);
            if (x.equals("#")) {
                return true;
            }
            if (i >= lb.size()) {
                return false;
            }
            String y = lb.get(i);
            if (y.equals("#")) {
                return false;
            }
            if (!x.equals("+") && (y.equals("+") || !x.equals(y))) {
                return false;
            }
        }
        return la.size() == lb.size();
    }

    @Override
    public String toString() {
        return pattern;
    }
}
