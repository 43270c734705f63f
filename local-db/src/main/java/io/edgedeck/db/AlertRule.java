package io.edgedeck.db;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * What to watch and when to raise an alarm. Either a {@link Type#THRESHOLD} rule ("power above 2000 W for at least
 * 10 s, clears below 1800 W") or an {@link Type#OFFLINE} rule ("offline for longer than 5 min"), for one device
 * ({@code deviceId}), every device of a kind ({@code deviceKind}) or every device (both null).
 * <p>
 * The constructor checks everything and says what is wrong in words a person can act on
 * ({@link IllegalArgumentException}); a rule that exists is a valid rule.
 *
 * @param id             the stored id; 0 for a rule not stored yet
 * @param metric         the watched field (threshold rules; null for offline rules)
 * @param direction      above or below (threshold rules)
 * @param clearThreshold the value the reading must pass back over to clear: at or below {@code threshold} for
 *                       ABOVE, at or above it for BELOW (hysteresis)
 * @param forDuration    threshold rules: how long the value must stay past the threshold (0: at once);
 *                       offline rules: how long the device must be offline (more than 0)
 */
public record AlertRule(long id, String name, String deviceId, DeviceKind deviceKind, Type type, Metric metric,
                        Direction direction, double threshold, double clearThreshold, Duration forDuration,
                        boolean enabled) {
    public static final int MAX_NAME = 80;

    public enum Type { THRESHOLD, OFFLINE }

    public enum Direction {
        ABOVE(">", "below"), BELOW("<", "above");

        private final String symbol;
        private final String clearWord;

        Direction(String symbol, String clearWord) {
            this.symbol = symbol;
            this.clearWord = clearWord;
        }

        public String symbol() {
            return symbol;
        }

        /** Whether {@code value} is past {@code limit} in this direction (strictly). */
        public boolean past(double value, double limit) {
            return this == ABOVE ? value > limit : value < limit;
        }

        /** Whether {@code value} is back over {@code clear} (strictly). */
        public boolean clears(double value, double clear) {
            return this == ABOVE ? value < clear : value > clear;
        }

        /** The more extreme of two values in this direction (the peak). */
        public double extreme(double a, double b) {
            return this == ABOVE ? Math.max(a, b) : Math.min(a, b);
        }

        public static Direction parse(String text) {
            String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
            return switch (t) {
                case "above", ">", "over" -> ABOVE;
                case "below", "<", "under" -> BELOW;
                default -> throw new IllegalArgumentException("'" + t + "' is not a direction: use above or below");
            };
        }
    }

    public AlertRule {
        name = name == null ? "" : name.strip();
        deviceId = deviceId == null || deviceId.isBlank() ? null : deviceId.strip();
        if (deviceId != null) {
            deviceKind = null;
        }
        Objects.requireNonNull(type, "type");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("give the rule a name");
        }
        if (name.length() > MAX_NAME) {
            throw new IllegalArgumentException("the rule's name is too long (at most " + MAX_NAME + " characters)");
        }
        if (forDuration == null || forDuration.isNegative()) {
            throw new IllegalArgumentException("the duration cannot be negative");
        }
        if (type == Type.THRESHOLD) {
            if (metric == null) {
                throw new IllegalArgumentException("choose the field the rule watches (power, temperature, …)");
            }
            if (direction == null) {
                throw new IllegalArgumentException("choose whether the value must be above or below the threshold");
            }
            if (!Double.isFinite(threshold) || !Double.isFinite(clearThreshold)) {
                throw new IllegalArgumentException("the threshold and the clear threshold must be numbers");
            }
            if (direction == Direction.ABOVE && clearThreshold > threshold) {
                throw new IllegalArgumentException("an alarm above " + number(threshold) + " must clear at or below it, not at "
                        + number(clearThreshold));
            }
            if (direction == Direction.BELOW && clearThreshold < threshold) {
                throw new IllegalArgumentException("an alarm below " + number(threshold) + " must clear at or above it, not at "
                        + number(clearThreshold));
            }
        } else {
            if (forDuration.isZero()) {
                throw new IllegalArgumentException("say how long a device must be offline before it raises an alarm");
            }
            metric = null;
            direction = null;
            threshold = 0;
            clearThreshold = 0;
        }
    }

    /** "power > 2000 W for 10 s": raised at once when {@code forDuration} is 0; clears back below {@code clear}. */
    public static AlertRule threshold(String name, String deviceId, DeviceKind kind, Metric metric, Direction direction,
                                      double threshold, double clear, Duration forDuration) {
        return new AlertRule(0, name, deviceId, kind, Type.THRESHOLD, metric, direction, threshold, clear, forDuration,
                true);
    }

    /** "offline for longer than {@code after}". */
    public static AlertRule offline(String name, String deviceId, DeviceKind kind, Duration after) {
        return new AlertRule(0, name, deviceId, kind, Type.OFFLINE, null, null, 0, 0, after, true);
    }

    public AlertRule withId(long newId) {
        return new AlertRule(newId, name, deviceId, deviceKind, type, metric, direction, threshold, clearThreshold,
                forDuration, enabled);
    }

    /** Whether the rule watches this device. */
    public boolean appliesTo(String device, DeviceKind kind) {
        if (deviceId != null) {
            return deviceId.equals(device);
        }
        return deviceKind == null || deviceKind == kind;
    }

    /** "sim-plug-03", "every plug", "every device". */
    public String scope() {
        if (deviceId != null) {
            return deviceId;
        }
        return deviceKind == null ? "every device" : "every " + deviceKind.name().toLowerCase(Locale.ROOT);
    }

    /** "power > 2000 W for 10 s, clears below 1800 W" or "offline for longer than 5 min". */
    public String condition() {
        if (type == Type.OFFLINE) {
            return "offline for longer than " + duration(forDuration);
        }
        String unit = metric.unit().isEmpty() ? "" : " " + metric.unit();
        return metric.key() + " " + direction.symbol() + " " + number(threshold) + unit
                + (forDuration.isZero() ? "" : " for " + duration(forDuration))
                + ", clears " + direction.clearWord + " " + number(clearThreshold) + unit;
    }

    /** "Over-power: power > 2000 W for 10 s, clears below 1800 W (every plug)". */
    public String describe() {
        return name + ": " + condition() + " (" + scope() + ")" + (enabled ? "" : " — disabled");
    }

    /** 2000, 21.5, 0.25 — no trailing zeros. */
    public static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** "10 s", "5 min", "2 h", "1 h 30 min", "90 s". */
    public static String duration(Duration d) {
        long s = d.toSeconds();
        if (s == 0 && !d.isZero()) {
            return d.toMillis() + " ms";
        }
        if (s % 3600 == 0 && s > 0) {
            return s / 3600 + " h";
        }
        if (s % 60 == 0 && s > 0) {
            return s >= 3600 ? s / 3600 + " h " + (s % 3600) / 60 + " min" : s / 60 + " min";
        }
        return s + " s";
    }
}
