package io.edgedeck.db;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One raise of a rule on one device: raised, perhaps cleared, perhaps acknowledged by an operator.
 *
 * @param peak           the most extreme value seen while active (threshold rules; null for offline alarms)
 * @param clearedAt      null while active
 * @param acknowledgedBy the operator who acknowledged it, null until then
 */
public record Alarm(long id, long ruleId, String ruleName, String deviceId, String message, Instant raisedAt,
                    Instant clearedAt, Double peak, String acknowledgedBy, Instant acknowledgedAt) {
    public Alarm {
        Objects.requireNonNull(ruleName, "ruleName");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(raisedAt, "raisedAt");
    }

    public boolean active() {
        return clearedAt == null;
    }

    public boolean acknowledged() {
        return acknowledgedBy != null;
    }

    public Optional<Double> peakValue() {
        return Optional.ofNullable(peak);
    }

    public Alarm withPeak(Double newPeak) {
        return new Alarm(id, ruleId, ruleName, deviceId, message, raisedAt, clearedAt, newPeak, acknowledgedBy,
                acknowledgedAt);
    }
}
