package io.edgedeck.views.alarms;

import io.edgedeck.db.Alarm;
import io.edgedeck.db.AlertRule;
import io.edgedeck.db.Operator;
import io.edgedeck.services.SignedIn;
import io.edgedeck.services.alerts.AlarmListener;
import io.edgedeck.services.alerts.ConsoleAlerts;
import io.edgedeck.views.common.Tasks;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The Alarms screen: active alarms on top (unacknowledged first), cleared ones below, the count of unacknowledged
 * alarms for the tab's badge and the status bar, acknowledgement (Admin or Technician), and the rule editor. Reads
 * and writes run off the FX thread; the engine's events arrive through the FX executor.
 */
public final class AlarmsViewModel {
    public static final int HISTORY_ROWS = 500;
    public static final String NOT_AVAILABLE = "Alerts are not set up in this window";

    private final ConsoleAlerts alerts;
    private final Tasks tasks;
    private final ObservableValue<SignedIn> signedIn;
    private final Consumer<List<Alarm>> onRaised;
    private final java.util.concurrent.ConcurrentLinkedQueue<Alarm> justRaised = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicBoolean flushQueued = new java.util.concurrent.atomic.AtomicBoolean();

    private final ObservableList<AlarmRow> active = FXCollections.observableArrayList();
    private final ObservableList<AlarmRow> history = FXCollections.observableArrayList();
    private final ObservableList<AlertRule> rules = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper unacknowledged = new ReadOnlyIntegerWrapper(this, "unacknowledged");
    private final ObjectProperty<AlarmRow> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObjectProperty<AlertRule> selectedRule = new SimpleObjectProperty<>(this, "selectedRule");
    private final ReadOnlyStringWrapper ackRefusal = new ReadOnlyStringWrapper(this, "ackRefusal", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper ruleError = new ReadOnlyStringWrapper(this, "ruleError", "");
    private final RuleForm form = new RuleForm();
    private final StringBinding tabTitle;
    private final StringBinding statusText;
    private long generation;

    /**
     * @param alerts   the console's alerts, or null for a window without them
     * @param signedIn who is signed in (FX thread)
     * @param onRaised told on the FX thread of the alarms raised since it was last told (one call per burst, so a
     *                 hundred devices going offline at once make one notification, not a hundred)
     */
    public AlarmsViewModel(ConsoleAlerts alerts, Tasks tasks, ObservableValue<SignedIn> signedIn,
                           Consumer<List<Alarm>> onRaised) {
        this.alerts = alerts;
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.signedIn = Objects.requireNonNull(signedIn, "signedIn");
        this.onRaised = Objects.requireNonNull(onRaised, "onRaised");
        tabTitle = Bindings.createStringBinding(() -> unacknowledged.get() == 0 ? "Alarms"
                : "Alarms (" + unacknowledged.get() + ")", unacknowledged);
        statusText = Bindings.createStringBinding(() -> switch (unacknowledged.get()) {
            case 0 -> "";
            case 1 -> "1 unacknowledged alarm";
            default -> unacknowledged.get() + " unacknowledged alarms";
        }, unacknowledged);
        signedIn.addListener((o, a, b) -> updateRefusal());
        selected.addListener((o, a, b) -> updateRefusal());
        selectedRule.addListener((o, a, b) -> {
            if (b != null) {
                form.load(b);
                ruleError.set("");
            }
        });
        updateRefusal();
        if (alerts != null) {
            alerts.engine().addListener(new AlarmListener() {
                @Override
                public void raised(Alarm alarm) {
                    justRaised.add(alarm);
                    if (flushQueued.compareAndSet(false, true)) {
                        tasks.fx().execute(AlarmsViewModel.this::flushRaised);
                    }
                }

                @Override
                public void cleared(Alarm alarm) {
                    tasks.fx().execute(AlarmsViewModel.this::refresh);
                }

                @Override
                public void acknowledged(Alarm alarm) {
                    tasks.fx().execute(AlarmsViewModel.this::refresh);
                }
            });
        }
    }

    // ---- Properties

    public boolean available() {
        return alerts != null;
    }

    /** Active alarms, unacknowledged first, newest first. */
    public ObservableList<AlarmRow> activeAlarms() {
        return active;
    }

    /** Cleared alarms, newest first (at most {@value #HISTORY_ROWS}). */
    public ObservableList<AlarmRow> historyAlarms() {
        return history;
    }

    public ObservableList<AlertRule> rules() {
        return rules;
    }

    /** Alarms (active or cleared) nobody has acknowledged yet. */
    public ReadOnlyIntegerProperty unacknowledgedProperty() {
        return unacknowledged.getReadOnlyProperty();
    }

    /** "Alarms" or "Alarms (3)". */
    public StringBinding tabTitleProperty() {
        return tabTitle;
    }

    /** "" or "3 unacknowledged alarms". */
    public StringBinding statusTextProperty() {
        return statusText;
    }

    /** The alarm the Acknowledge button acts on (null: the first unacknowledged one). */
    public ObjectProperty<AlarmRow> selectedProperty() {
        return selected;
    }

    /** Empty when Acknowledge can act; otherwise why not ("sign in to acknowledge alarms"). */
    public ReadOnlyStringProperty ackRefusalProperty() {
        return ackRefusal.getReadOnlyProperty();
    }

    /** The outcome of the last action, in words. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ObjectProperty<AlertRule> selectedRuleProperty() {
        return selectedRule;
    }

    public RuleForm form() {
        return form;
    }

    /** Empty, or what is wrong with the rule in the editor. */
    public ReadOnlyStringProperty ruleErrorProperty() {
        return ruleError.getReadOnlyProperty();
    }

    // ---- Commands

    /** Reads alarms and rules in the background. */
    public void refresh() {
        if (alerts == null) {
            return;
        }
        long gen = ++generation;
        tasks.run("reading alarms", () -> new Snapshot(alerts.store().active(), alerts.store().history(HISTORY_ROWS),
                        alerts.rules().list()),
                s -> {
                    if (gen == generation) {
                        apply(s);
                    }
                },
                failure -> message.set("Alarms could not be read: " + Tasks.describe(failure)));
    }

    /** Acknowledges the selected alarm, or the first unacknowledged one when none is selected (Ctrl+K). */
    public void acknowledge() {
        AlarmRow target = target();
        if (alerts == null || target == null) {
            message.set(alerts == null ? NOT_AVAILABLE + "." : "No unacknowledged alarm.");
            return;
        }
        // a refusal (signed out, a role that may not) goes through the service too, which audits it
        SignedIn who = signedIn.getValue();
        tasks.run("acknowledging an alarm", () -> alerts.acknowledger().acknowledge(who, target.id()),
                a -> {
                    message.set("Acknowledged: " + a.deviceId() + " — " + a.ruleName() + ".");
                    refresh();
                },
                failure -> {
                    message.set("Not acknowledged: " + Tasks.describe(failure) + ".");
                    refresh();
                });
    }

    /** Empties the editor for a new rule. */
    public void newRule() {
        selectedRule.set(null);
        form.clear();
        ruleError.set("");
    }

    /** Saves the rule in the editor (new or edited); a problem shows in {@link #ruleErrorProperty()}. */
    public void saveRule() {
        if (!mayEdit()) {
            return;
        }
        AlertRule rule;
        try {
            rule = form.toRule();
        } catch (IllegalArgumentException e) {
            ruleError.set(capitalised(e.getMessage()) + ".");
            return;
        }
        ruleError.set("");
        SignedIn who = signedIn.getValue();
        tasks.run("saving an alert rule", () -> alerts.rules().save(who, rule), saved -> {
            message.set("Rule saved: " + saved.describe() + ".");
            form.load(saved);
            refresh();
        }, failure -> ruleError.set(capitalised(Tasks.describe(failure)) + "."));
    }

    /** Removes the selected rule; its active alarms clear. */
    public void deleteRule() {
        AlertRule rule = selectedRule.get();
        if (rule == null || !mayEdit()) {
            return;
        }
        SignedIn who = signedIn.getValue();
        tasks.run("removing an alert rule", () -> alerts.rules().remove(who, rule.id()), removed -> {
            message.set("Rule removed: " + rule.name() + ".");
            newRule();
            refresh();
        }, failure -> ruleError.set(capitalised(Tasks.describe(failure)) + "."));
    }

    // ---- internals

    private void flushRaised() {
        flushQueued.set(false);
        List<Alarm> burst = new java.util.ArrayList<>();
        for (Alarm a; (a = justRaised.poll()) != null; ) {
            burst.add(a);
        }
        if (!burst.isEmpty()) {
            refresh();
            onRaised.accept(List.copyOf(burst));
        }
    }

    record Snapshot(List<Alarm> active, List<Alarm> history, List<AlertRule> rules) {
    }

    void apply(Snapshot s) {
        Long keep = selected.get() == null ? null : selected.get().id();
        active.setAll(s.active().stream().map(AlarmRow::of).toList());
        history.setAll(s.history().stream().map(AlarmRow::of).toList());
        long ruleKeep = selectedRule.get() == null ? -1 : selectedRule.get().id();
        rules.setAll(s.rules());
        if (ruleKeep >= 0) {
            rules.stream().filter(r -> r.id() == ruleKeep).findFirst().ifPresent(selectedRule::set);
        }
        unacknowledged.set((int) (active.stream().filter(AlarmRow::unacknowledged).count()
                + history.stream().filter(AlarmRow::unacknowledged).count()));
        if (keep != null) {
            selected.set(active.stream().filter(r -> r.id() == keep).findFirst()
                    .or(() -> history.stream().filter(r -> r.id() == keep).findFirst()).orElse(null));
        }
        updateRefusal();
    }

    private AlarmRow target() {
        AlarmRow s = selected.get();
        if (s != null && s.unacknowledged()) {
            return s;
        }
        return active.stream().filter(AlarmRow::unacknowledged).findFirst()
                .or(() -> history.stream().filter(AlarmRow::unacknowledged).findFirst()).orElse(null);
    }

    private boolean mayEdit() {
        if (alerts == null) {
            ruleError.set(NOT_AVAILABLE + ".");
            return false;
        }
        var refusal = alerts.rules().refusal(signedIn.getValue());
        if (refusal.isPresent()) {
            ruleError.set(capitalised(refusal.get()) + ".");
            return false;
        }
        return true;
    }

    private void updateRefusal() {
        if (alerts == null) {
            ackRefusal.set(NOT_AVAILABLE);
            return;
        }
        SignedIn who = signedIn.getValue();
        Operator op = who == null ? null : who.operator();
        String reason = alerts.acknowledger().refusal(op).orElse("");
        if (reason.isEmpty() && target() == null) {
            reason = "no unacknowledged alarm";
        }
        ackRefusal.set(reason);
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
