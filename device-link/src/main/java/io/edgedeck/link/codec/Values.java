package io.edgedeck.link.codec;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgedeck.db.Metric;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * How EdgeDeck reads single values: numbers (JSON numbers or decimal strings, never NaN or infinite), on/off and
 * online/offline words, reading times (epoch seconds or milliseconds, ISO-8601 with offset, between 2000 and a day
 * after receipt). Problems are thrown as {@link DecodeProblem} with the reason in words.
 */
final class Values {
    private static final long SECONDS_LIMIT = 100_000_000_000L; // |ts| below: seconds (year 5138); above: millis
    private static final int MAX_QUOTED = 60;

    private Values() {
    }

    /** 1 on, 0 off, -1 neither. */
    static int relayToken(String t) {
        if (t.equalsIgnoreCase("on") || t.equalsIgnoreCase("true") || t.equals("1")) {
            return 1;
        }
        if (t.equalsIgnoreCase("off") || t.equalsIgnoreCase("false") || t.equals("0")) {
            return 0;
        }
        return -1;
    }

    /** 1 online, 0 offline, -1 neither; booleans and 1/0 count only if {@code allowBoolean}. */
    static int onlineToken(String t, boolean allowBoolean) {
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

    static double number(String name, JsonNode v) {
        if (v.isNumber()) {
            return finite(name, v.doubleValue(), null);
        }
        if (v.isTextual()) {
            return numberText(name, v.textValue());
        }
        throw new DecodeProblem("field " + quote(name) + " is not a number but " + describe(v));
    }

    static double numberText(String name, String raw) {
        String t = raw.strip();
        if (!isDecimal(t)) {
            if (t.equalsIgnoreCase("nan")) {
                throw new DecodeProblem("field " + quote(name) + " is NaN");
            }
            throw new DecodeProblem("field " + quote(name) + " is not a number: " + quote(raw));
        }
        return finite(name, Double.parseDouble(t), raw);
    }

    static double finite(String name, double d, String raw) {
        if (Double.isNaN(d)) {
            throw new DecodeProblem("field " + quote(name) + " is NaN");
        }
        if (Double.isInfinite(d)) {
            throw new DecodeProblem("field " + quote(name) + " is " + (raw == null ? "infinite" : "out of range: " + quote(raw)));
        }
        return d;
    }

    static double scaled(CompiledRule rule, Metric m, String name, double v) {
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

    static double relay(String name, JsonNode v) {
        if (v.isBoolean()) {
            return v.booleanValue() ? 1 : 0;
        }
        if (v.isNumber()) {
            double d = v.doubleValue();
            if (d == 1 || d == 0) {
                return d;
            }
            throw new DecodeProblem("field " + quote(name) + " is not on/off: " + v);
        }
        if (v.isTextual()) {
            return relayText(name, v.textValue());
        }
        throw new DecodeProblem("field " + quote(name) + " is not on/off but " + describe(v));
    }

    static double relayText(String name, String raw) {
        int r = relayToken(raw.strip());
        if (r < 0) {
            throw new DecodeProblem("field " + quote(name) + " is not on/off: " + quote(raw));
        }
        return r;
    }

    static long ts(String name, JsonNode v, long received) {
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
        throw new DecodeProblem("field " + quote(name) + " is not a time but " + describe(v));
    }

    static long tsText(String name, String raw, long received) {
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
                throw new DecodeProblem("field " + quote(name) + " is not a time: " + quote(raw)
                        + " (expected epoch seconds or milliseconds, or ISO-8601 with offset such as 2024-11-25T16:00:00Z)");
            }
        }
        return plausible(name, ms, quote(raw), received);
    }

    static long epoch(long v) {
        return Math.abs(v) < SECONDS_LIMIT ? v * 1000 : v;
    }

    static long epoch(double v) {
        return Math.round(Math.abs(v) < SECONDS_LIMIT ? v * 1000 : v);
    }

    static long plausible(String name, long ms, String shown, long received) {
        if (ms < MessageDecoder.MIN_EPOCH_MILLIS) {
            throw new DecodeProblem("field " + quote(name) + " is before the year 2000: " + shown);
        }
        if (ms > received + MessageDecoder.MAX_FUTURE_MILLIS) {
            throw new DecodeProblem("field " + quote(name) + " is more than a day in the future: " + shown + " ("
                    + Instant.ofEpochMilli(ms) + ")");
        }
        return ms;
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    static int firstNonBlank(byte[] p) {
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

    static String text(byte[] p) {
        String s = new String(p, StandardCharsets.UTF_8);
        return !s.isEmpty() && s.charAt(0) == '\uFEFF' ? s.substring(1) : s;
    }

    static String describe(JsonNode v) {
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

}
