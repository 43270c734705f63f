package io.edgedeck.services.alerts;

import io.edgedeck.db.AccessPolicy;
import io.edgedeck.db.AccessRefusedException;
import io.edgedeck.db.Alarm;
import io.edgedeck.db.AlertStore;
import io.edgedeck.db.Operator;
import io.edgedeck.db.OperatorRegistry;
import io.edgedeck.db.Permission;
import io.edgedeck.services.SignedIn;

import java.util.Objects;
import java.util.Optional;

/**
 * Acknowledgement of alarms by a signed-in operator: an Admin or Technician, as registered now (a role changed or an
 * account disabled since sign-in counts at once). The acknowledgement and its audit entry are stored together, once.
 */
public final class AlarmAcknowledger {
    private final AlertStore alerts;
    private final OperatorRegistry operators;
    private final AlertEngine engine;

    /** @param engine told of each acknowledgement so its listeners (the Alarms screen) see it; may be null */
    public AlarmAcknowledger(AlertStore alerts, OperatorRegistry operators, AlertEngine engine) {
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.operators = Objects.requireNonNull(operators, "operators");
        this.engine = engine;
    }

    /** Empty when {@code operator} (null: nobody signed in) may acknowledge alarms; otherwise why not, in words. */
    public Optional<String> refusal(Operator operator) {
        return AccessPolicy.refusal(operator, Permission.ACKNOWLEDGE_ALARMS);
    }

    /**
     * Acknowledges alarm {@code alarmId} as {@code who} (null: nobody signed in). A refusal is recorded in the audit
     * log ({@code alarm_acknowledge_refused}) before it is thrown.
     *
     * @throws AccessRefusedException  when nobody is signed in, their role (now) does not allow it, or their key changed
     * @throws IllegalStateException    when it was acknowledged already
     * @throws IllegalArgumentException when there is no such alarm
     */
    public Alarm acknowledge(SignedIn who, long alarmId) {
        Operator now;
        try {
            now = RegisteredOperator.now(operators, who);
        } catch (AccessRefusedException e) {
            alerts.recordAcknowledgementRefused(alarmId, who.name(), e.getMessage());
            throw e;
        }
        Alarm acked = alerts.acknowledge(alarmId, now);
        if (engine != null) {
            engine.acknowledged(acked);
        }
        return acked;
    }
}
