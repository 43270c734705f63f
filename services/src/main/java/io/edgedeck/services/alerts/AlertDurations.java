package io.edgedeck.services.alerts;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people type them in rules: "10 s", "10s", "90", "5 min", "5m", "2 h", "1h30m". */
public final class AlertDurations {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|seconds?|secs|sec|s|minutes?|mins|min|m|hours?|h|days?|d)?");

    private AlertDurations() {
    }

    /** The duration typed; a blank text is 0; anything else is an {@link IllegalArgumentException} saying the forms. */
    public static Duration parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            return Duration.ZERO;
        }
        Matcher m = PART.matcher(t);
        long millis = 0;
        int pos = 0;
        while (pos < t.length()) {
            if (Character.isWhitespace(t.charAt(pos))) {
                pos++;
                continue;
            }
            if (!m.find(pos) || m.start() != pos) {
                throw bad(t);
            }
            double n = Double.parseDouble(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            double factor = switch (unit.charAt(0)) {
                case 'd' -> 86_400_000;
                case 'h' -> 3_600_000;
                case 'm' -> unit.equals("ms") ? 1 : 60_000;
                default -> 1_000;
            };
            millis += Math.round(n * factor);
            pos = m.end();
        }
        return Duration.ofMillis(millis);
    }

    private static IllegalArgumentException bad(String t) {
        return new IllegalArgumentException("'" + t + "' is not a duration: write e.g. 10 s, 5 min, 2 h or 1h30m");
    }
}
