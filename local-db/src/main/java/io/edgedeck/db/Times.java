package io.edgedeck.db;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Conversions between {@link Instant} and the epoch milliseconds stored in the database. */
final class Times {
    /** ISO-8601 UTC with milliseconds, e.g. 2024-11-25T16:00:00.000Z. */
    static final DateTimeFormatter ISO_UTC_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Times() {
    }

    /** Epoch milliseconds, saturated for instants too far away (Instant.MIN/MAX are fine as "open" bounds). */
    static long millis(Instant t) {
        try {
            return t.toEpochMilli();
        } catch (ArithmeticException e) {
            return t.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    static String iso(long epochMillis) {
        return ISO_UTC_MILLIS.format(Instant.ofEpochMilli(epochMillis));
    }
}
