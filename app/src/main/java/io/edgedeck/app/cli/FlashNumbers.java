package io.edgedeck.app.cli;

import java.time.Duration;
import java.util.Locale;

/** Offsets and lengths as esptool takes them (0x10000 or 65536), and sizes, rates and times as the CLI prints them. */
final class FlashNumbers {
    private FlashNumbers() {
    }

    /** {@code 0x10000}, {@code 65536}, or with a k/M suffix ({@code 4M}, {@code 64k}). */
    static int parse(String text, String what) {
        String s = text.trim().toLowerCase(Locale.ROOT).replace("_", "");
        long unit = 1;
        if (!s.startsWith("0x") && (s.endsWith("k") || s.endsWith("m"))) {
            unit = s.endsWith("k") ? 1024 : 1024 * 1024;
            s = s.substring(0, s.length() - 1);
        }
        try {
            long value = (s.startsWith("0x") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s)) * unit;
            if (value < 0 || value > Integer.MAX_VALUE) {
                throw new NumberFormatException();
            }
            return (int) value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid " + what + " (use hex like 0x10000 or decimal)");
        }
    }

    static String duration(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return String.format("%d:%02d", s / 60, s % 60);
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
