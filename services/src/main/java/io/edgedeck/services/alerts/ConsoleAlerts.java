package io.edgedeck.services.alerts;

import io.edgedeck.db.AlertStore;

import java.util.Objects;

/**
 * What the console's Alarms screen needs: the running engine (to listen to), rule editing, acknowledgement, and the
 * store to read alarms from.
 */
public record ConsoleAlerts(AlertEngine engine, AlertRules rules, AlarmAcknowledger acknowledger, AlertStore store) {
    public ConsoleAlerts {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(acknowledger, "acknowledger");
        Objects.requireNonNull(store, "store");
    }
}
