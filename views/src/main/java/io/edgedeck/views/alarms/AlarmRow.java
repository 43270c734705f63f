package io.edgedeck.views.alarms;

import io.edgedeck.db.Alarm;
import io.edgedeck.db.AlertRule;
import io.edgedeck.views.common.Formats;

/** One alarm as the tables show it. */
public record AlarmRow(long id, String device, String rule, String message, String raised, String cleared, String peak,
                       String acknowledged, boolean active, boolean unacknowledged) {
    static AlarmRow of(Alarm a) {
        return new AlarmRow(a.id(), a.deviceId(), a.ruleName(), a.message(), Formats.dateTime(a.raisedAt()),
                a.clearedAt() == null ? "" : Formats.dateTime(a.clearedAt()),
                a.peak() == null ? "" : AlertRule.number(Math.round(a.peak() * 100) / 100.0),
                a.acknowledged() ? a.acknowledgedBy() + ", " + Formats.dateTime(a.acknowledgedAt()) : "",
                a.active(), !a.acknowledged());
    }
}
