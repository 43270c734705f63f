package io.edgedeck.app.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/** Parses ISO-8601 dates and times as people write them; times without an offset are in the given zone. */
public final class Instants {
    private Instants() {
    }

    /**
     * Accepts {@code 2026-11-25T10:00:00Z}, {@code 2026-11-25T11:00+01:00}, {@code 2026-11-25T10:00} (local),
     * {@code 2026-11-25} (local midnight), and {@code now}.
     */
    public static Instant parse(String text, ZoneId zone) {
        String t = text.trim();
        if (t.equalsIgnoreCase("now")) {
            return Instant.now();
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the forms without an offset
        }
        try {
            return LocalDateTime.parse(t).atZone(zone).toInstant();
        } catch (DateTimeParseException ignored) {
            // try a plain date
        }
        try {
            return LocalDate.parse(t).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 date or time "
                    + "(e.g. 2026-11-25, 2026-11-25T14:30, 2026-11-25T14:30:00Z)");
        }
    }
}
