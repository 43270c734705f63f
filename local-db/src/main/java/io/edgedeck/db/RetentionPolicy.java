package io.edgedeck.db;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
            throw new IllegalArgumentException("Raw readings must be kept for some time, not " + raw.toHours() + " h");
        }
        if (minute.compareTo(raw) < 0 || hour.compareTo(minute) < 0 || day.compareTo(hour) < 0) {
            throw new IllegalArgumentException("Each resolution must be kept at least as long as the finer one"
                    + " (raw ≤ 1m ≤ 1h ≤ 1d), but it was raw " + days(raw) + ", 1m " + days(minute) + ", 1h "
                    + days(hour) + ", 1d " + days(day));
        }
    }

    private static final Pattern PERIOD = Pattern.compile("(\\d{1,6})\\s*([hdwy])");

    /**
     * A policy from text such as {@code raw=7d,1m=30d,1h=1y,1d=5y} (as {@code collect --retention} and the settings
     * file take it): comma-separated {@code resolution=period} with periods in hours (h), days (d), weeks (w) or
     * years (y, 365 days); resolutions left out keep their default tier.
     *
     * @throws IllegalArgumentException with a message for the user when the text is not like that or the tiers are
     *         not each at least as long as the finer one
     */
    public static RetentionPolicy parse(String text) {
        Objects.requireNonNull(text, "text");
        Map<Resolution, Duration> keep = new EnumMap<>(Resolution.class);
        for (Resolution r : Resolution.values()) {
            keep.put(r, DEFAULT.keep(r));
        }
        String example = " (expected like raw=7d,1m=30d,1h=1y,1d=5y; periods in h, d, w or y)";
        if (text.isBlank()) {
            throw new IllegalArgumentException("The retention policy is empty" + example);
        }
        for (String part : text.split(",")) {
            String[] kv = part.split("=", -1);
            if (kv.length != 2) {
                throw new IllegalArgumentException("Retention '" + part.strip() + "' is not resolution=period" + example);
            }
            Resolution r = Resolution.fromLabel(kv[0]).orElseThrow(() -> new IllegalArgumentException(
                    "Unknown resolution '" + kv[0].strip() + "' in the retention policy: use raw, 1m, 1h or 1d"));
            Matcher m = PERIOD.matcher(kv[1].strip().toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new IllegalArgumentException("Retention period '" + kv[1].strip() + "' of " + r.label()
                        + " is not a number with h, d, w or y" + example);
            }
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                case "w" -> Duration.ofDays(7 * n);
                default -> Duration.ofDays(365 * n);
            };
            keep.put(r, d);
        }
        return new RetentionPolicy(keep.get(Resolution.RAW), keep.get(Resolution.MINUTE), keep.get(Resolution.HOUR),
                keep.get(Resolution.DAY));
    }

    /** The policy as {@link #parse} reads it, in days ({@code raw=7d,1m=30d,1h=365d,1d=1825d}; hours when not whole days). */
    public String describe() {
        StringBuilder b = new StringBuilder();
        for (Resolution r : Resolution.values()) {
            Duration d = keep(r);
            b.append(b.isEmpty() ? "" : ",").append(r.label()).append('=')
                    .append(d.toHours() % 24 == 0 ? d.toDays() + "d" : d.toHours() + "h");
        }
        return b.toString();
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

    private static String days(Duration d) {
        return d.toHours() % 24 == 0 ? d.toDays() + " d" : d.toHours() + " h";
    }
}
