package io.edgedeck.services.alerts;

import io.edgedeck.db.AccessPolicy;
import io.edgedeck.db.AccessRefusedException;
import io.edgedeck.db.AlertRule;
import io.edgedeck.db.AlertStore;
import io.edgedeck.db.Operator;
import io.edgedeck.db.OperatorRegistry;
import io.edgedeck.db.Permission;
import io.edgedeck.services.SignedIn;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Adding, changing and removing alert rules as a signed-in Admin or Technician (as registered now), each change and
 * each refusal audited; the running engine (if any) picks each change up at once. The console and the CLI both come
 * through here.
 */
public final class AlertRules {
    private final AlertStore store;
    private final OperatorRegistry operators;
    private final AlertEngine engine;

    /** @param engine the engine to reload after a change; null when none runs (the CLI) */
    public AlertRules(AlertStore store, OperatorRegistry operators, AlertEngine engine) {
        this.store = Objects.requireNonNull(store, "store");
        this.operators = Objects.requireNonNull(operators, "operators");
        this.engine = engine;
    }

    public List<AlertRule> list() {
        return store.rules();
    }

    /** Empty when {@code who} (null: nobody signed in) may edit rules; otherwise why not, in words. */
    public Optional<String> refusal(SignedIn who) {
        return AccessPolicy.refusal(who == null ? null : who.operator(), Permission.EDIT_ALERT_RULES);
    }

    /**
     * Stores a new rule ({@code rule.id()} 0) or replaces the stored one with the same id, as {@code who}.
     *
     * @throws AccessRefusedException when {@code who} may not (audited)
     */
    public AlertRule save(SignedIn who, AlertRule rule) {
        AlertRule saved = store.saveRule(rule, current(who, rule.deviceId(),
                (rule.id() == 0 ? "added " : "changed ") + rule.describe()));
        reload();
        return saved;
    }

    /** Removes the rule as {@code who}; its active alarms are cleared by the engine. False when it did not exist. */
    public boolean remove(SignedIn who, long id) {
        boolean removed = store.removeRule(id, current(who, null, "removed rule " + id));
        reload();
        return removed;
    }

    private Operator current(SignedIn who, String device, String change) {
        try {
            return RegisteredOperator.now(operators, who);
        } catch (AccessRefusedException e) {
            store.recordRuleChangeRefused(who.name(), device, change, e.getMessage());
            throw e;
        }
    }

    private void reload() {
        if (engine != null) {
            engine.reloadRules();
        }
    }
}
