package io.edgedeck.db;

import java.time.Duration;
import java.util.Objects;

/**
 * How long history is kept at each resolution (the brief's tiers by default: raw readings 7 days, 1-minute rollups
 * 30 days, 1-hour rollups 1 year, 1-day rollups 5 years). A coarser resolution must be kept at least as long as a
 * finer one, so a range is always covered by some resolution.
 */
public record RetentionPolicy(Duration raw, Duration minute, Duration hour, Duration day) {
    public static final RetentionPolicy DEFAULT = new RetentionPolicy(Duration.ofDays(7), Duration.ofDays(30),
            Duration.ofDays(365), Duration.ofDays(5 * 365));

    public RetentionPolicy {
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(minute, "minute");
        Objects.requireNonNull(hour, "hour");
        Objects.requireNonNull(day, "day");
        if (raw.isNegative() || raw.isZero()) {
            throw new IllegalArgumentException("raw readings must be kept for some time, not " + raw);
        }
        if (minute.compareTo(raw) < 0 || hour.compareTo(minute) < 0 || day.compareTo(hour) < 0) {
            throw new IllegalArgumentException("each resolution must be kept at least as long as the finer one"
                    + " (raw " + raw.toDays() + " d ≤ 1 min " + minute.toDays() + " d ≤ 1 h " + hour.toDays()
                    + " d ≤ 1 day " + day.toDays() + " d)");
        }
    }

    /** How long {@code r} is kept. */
    public Duration keep(Resolution r) {
        return switch (r) {
            case RAW -> raw;
            case MINUTE -> minute;
            case HOUR -> hour;
            case DAY -> day;
        };
    }
}
