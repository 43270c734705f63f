package io.edgedeck.views.common;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Text for people: ages, numbers, timestamps, payload previews. Pure functions, tested without a window. */
public final class Formats {
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneId.systemDefault());

    private Formats() {
    }

    /** "just now", "3 s ago", "4 min ago", "2 h ago", "5 d ago"; "never" for a negative time. */
    public static String age(long thenMillis, long nowMillis) {
        return io.edgedeck.services.presence.Presence.age(thenMillis, nowMillis);
    }

    public static String dateTime(Instant instant) {
        return instant == null ? "" : DATE_TIME.format(instant);
    }

    public static String dateTime(long epochMillis) {
        return DATE_TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    /** A value with a fixed number of decimals, or an en dash when unknown (NaN). */
    public static String number(double value, int decimals) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    public static String duration(Duration d) {
        long s = d.toSeconds();
        return s < 3600 ? s / 60 + " min" : s < 86_400 ? s / 3600 + " h" : s / 86_400 + " d";
    }

    /** The payload as UTF-8 text with control characters shown as '·', cut to {@code max} characters. */
    public static String payloadText(byte[] payload, int max) {
        String s = new String(payload, StandardCharsets.UTF_8);
        var b = new StringBuilder(Math.min(s.length(), max + 1));
        for (int i = 0; i < s.length() && b.length() < max; i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) ? '·' : c);
        }
        if (s.length() > max) {
            b.append('…');
        }
        return b.toString();
    }

    /** The first {@code maxBytes} bytes as lower-case hex pairs separated by spaces. */
    public static String hexPreview(byte[] payload, int maxBytes) {
        int n = Math.min(payload.length, maxBytes);
        var b = new StringBuilder(n * 3 + 1);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append(' ');
            }
            b.append(String.format(Locale.ROOT, "%02x", payload[i] & 0xff));
        }
        if (payload.length > n) {
            b.append(" …");
        }
        return b.toString();
    }

    /** A classic hex dump: offset, 16 hex bytes, printable ASCII. */
    public static String hexDump(byte[] payload) {
        var b = new StringBuilder();
        for (int off = 0; off < payload.length; off += 16) {
            b.append(String.format(Locale.ROOT, "%08x  ", off));
            var ascii = new StringBuilder(16);
            for (int i = 0; i < 16; i++) {
                if (off + i < payload.length) {
                    int v = payload[off + i] & 0xff;
                    b.append(String.format(Locale.ROOT, "%02x ", v));
                    ascii.append(v >= 0x20 && v < 0x7f ? (char) v : '.');
                } else {
                    b.append("   ");
                }
                if (i == 7) {
                    b.append(' ');
                }
            }
            b.append(' ').append(ascii).append('\n');
        }
        return b.toString();
    }
}
