package io.edgedeck.link.codec;

import java.util.ArrayList;
import java.util.List;

/**
 * A compiled topic pattern: levels separated by {@code /}, each a literal, a placeholder such as {@code {device_id}}
 * (one whole level), {@code +} (one level) or, as the last level only, {@code #} (any number of levels, also none).
 * Only {@code {device_id}} captures; other placeholders behave like {@code +}. Matching walks the topic string without
 * regular expressions or splitting, so it allocates nothing but the captured id.
 */
final class TopicPattern {
    /** Returned by {@link #match} for a match without a {@code {device_id}} level. Compared by identity. */
    @SuppressWarnings("StringOperationCanBeSimplified")
    static final String MATCHED = new String("");

    static final String DEVICE_PLACEHOLDER = "{device_id}";

    private static final String SINGLE = "+";
    private static final String MULTI = "#";

    private final String pattern;
    /** Literal text of each level, or {@link #SINGLE} / {@link #MULTI} (compared by identity). */
    private final String[] levels;
    private final int deviceLevel;
    private final String filter;

    private TopicPattern(String pattern, String[] levels, int deviceLevel, String filter) {
        this.pattern = pattern;
        this.levels = levels;
        this.deviceLevel = deviceLevel;
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
        String[] levels = new String[parts.size()];
        StringBuilder filter = new StringBuilder(pattern.length());
        int deviceLevel = -1;
        for (int i = 0; i < levels.length; i++) {
            String part = parts.get(i);
            String level;
            if (part.equals("#")) {
                if (i != levels.length - 1) {
                    throw new IllegalArgumentException("topic pattern \"" + pattern + "\": '#' must be the last level");
                }
                level = MULTI;
            } else if (part.equals("+")) {
                level = SINGLE;
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
                }
                level = SINGLE;
            } else if (part.indexOf('+') >= 0 || part.indexOf('#') >= 0 || part.indexOf('{') >= 0 || part.indexOf('}') >= 0) {
                throw new IllegalArgumentException("topic pattern \"" + pattern + "\": level \"" + part
                        + "\" mixes text with a wildcard or placeholder; a placeholder must be a whole level");
            } else {
                level = part;
            }
            levels[i] = level;
            if (i > 0) {
                filter.append('/');
            }
            filter.append(level == SINGLE ? "+" : level == MULTI ? "#" : level);
        }
        return new TopicPattern(pattern, levels, deviceLevel, filter.toString());
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

    /** True if the pattern has no wildcard or placeholder, i.e. matches exactly one topic. */
    boolean isLiteral() {
        for (String level : levels) {
            if (level == SINGLE || level == MULTI) {
                return false;
            }
        }
        return true;
    }

    /**
     * @return null if the topic does not match; the captured device id if the pattern has {@code {device_id}} (may be
     * empty for a topic like {@code smartplug//telemetry}); otherwise {@link #MATCHED}
     */
    String match(String topic) {
        int n = topic.length();
        int pos = 0;
        int capStart = -1;
        int capEnd = -1;
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level == MULTI) {
                return result(topic, capStart, capEnd);
            }
            if (pos > n) {
                return null; // topic has fewer levels
            }
            int end = topic.indexOf('/', pos);
            if (end < 0) {
                end = n;
            }
            if (level == SINGLE) {
                if (i == deviceLevel) {
                    capStart = pos;
                    capEnd = end;
                }
            } else if (end - pos != level.length() || !topic.startsWith(level, pos)) {
                return null;
            }
            pos = end + 1;
        }
        return pos == n + 1 ? result(topic, capStart, capEnd) : null;
    }

    private String result(String topic, int capStart, int capEnd) {
        return deviceLevel >= 0 ? topic.substring(capStart, capEnd) : MATCHED;
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
