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

    /** Empty when {@code operator} may acknowledge alarms; otherwise why not, in words. */
    public Optional<String> refusal(Operator operator) {
        if (operator == null) {
            return Optional.of("sign in to acknowledge alarms");
        }
        return AccessPolicy.refusal(operator, Permission.ACKNOWLEDGE_ALARMS);
    }

    /**
     * Acknowledges alarm {@code alarmId} as {@code who}.
     *
     * @throws AccessRefusedException  when their role (now) does not allow it, or their key changed
     * @throws IllegalStateException    when it was acknowledged already
     * @throws IllegalArgumentException when there is no such alarm
     */
    public Alarm acknowledge(SignedIn who, long alarmId) {
        Objects.requireNonNull(who, "who");
        Operator now = operators.find(who.name())
                .orElseThrow(() -> new AccessRefusedException("there is no operator '" + who.name() + "'"));
        if (!now.keyId().equals(who.operator().keyId())) {
            throw new AccessRefusedException("the key of operator '" + who.name() + "' has changed; sign in again");
        }
        Alarm acked = alerts.acknowledge(alarmId, now);
        if (engine != null) {
            engine.acknowledged(acked);
        }
        return acked;
    }
}
