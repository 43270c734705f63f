package io.edgedeck.services.alerts;

import io.edgedeck.db.AlertRule;
import io.edgedeck.db.AlertStore;

import java.util.List;
import java.util.Objects;

/** Adding, changing and removing alert rules; the running engine (if any) picks each change up at once. */
public final class AlertRules {
    private final AlertStore store;
    private final AlertEngine engine;

    /** @param engine the engine to reload after a change; null when none runs (the CLI) */
    public AlertRules(AlertStore store, AlertEngine engine) {
        this.store = Objects.requireNonNull(store, "store");
        this.engine = engine;
    }

    public List<AlertRule> list() {
        return store.rules();
    }

    /** Stores a new rule ({@code rule.id()} 0) or replaces the stored one with the same id. */
    public AlertRule save(AlertRule rule) {
        AlertRule saved = rule.id() == 0 ? store.addRule(rule) : store.updateRule(rule);
        reload();
        return saved;
    }

    /** Removes the rule; its active alarms are cleared by the engine. False when it did not exist. */
    public boolean remove(long id) {
        boolean removed = store.removeRule(id);
        reload();
        return removed;
    }

    private void reload() {
        if (engine != null) {
            engine.reloadRules();
        }
    }
}
