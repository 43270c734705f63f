package io.edgedeck.views.audit;

import io.edgedeck.db.AccessPolicy;
import io.edgedeck.db.AuditAction;
import io.edgedeck.db.AuditCsv;
import io.edgedeck.db.AuditLog;
import io.edgedeck.db.AuditQuery;
import io.edgedeck.db.AuditRecord;
import io.edgedeck.db.AuditVerification;
import io.edgedeck.db.Operator;
import io.edgedeck.db.Permission;
import io.edgedeck.views.common.Tasks;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The Audit screen: the audit log's entries, newest first, filtered by operator, device, action and a start date;
 * "Verify chain" in words; CSV export of what the filters select. Only Admin and Auditor may read it: for anyone else
 * (and before sign-in) the rows stay empty and {@link #refusalProperty()} says why. All reads run off the FX thread.
 */
public final class AuditViewModel {
    /** The table shows at most this many (the newest); the CSV export has them all. */
    public static final int MAX_ROWS = 5_000;
    public static final String REFUSAL = "Only Admin and Auditor may read the audit log.";

    public enum ChainState { UNKNOWN, CHECKING, INTACT, BROKEN, FAILED }

    private final AuditLog log;
    private final Tasks tasks;
    private final ObservableValue<Operator> operator;
    private final ZoneId zone;

    private final StringProperty operatorFilter = new SimpleStringProperty(this, "operatorFilter", "");
    private final StringProperty deviceFilter = new SimpleStringProperty(this, "deviceFilter", "");
    private final ObjectProperty<AuditAction> actionFilter = new SimpleObjectProperty<>(this, "actionFilter");
    private final ObjectProperty<LocalDate> sinceFilter = new SimpleObjectProperty<>(this, "sinceFilter");
    private final ObservableList<AuditRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper allowed = new ReadOnlyBooleanWrapper(this, "allowed");
    private final ReadOnlyStringWrapper refusal = new ReadOnlyStringWrapper(this, "refusal", "");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper chainText = new ReadOnlyStringWrapper(this, "chainText", "");
    private final ReadOnlyObjectWrapper<ChainState> chainState = new ReadOnlyObjectWrapper<>(this, "chainState", ChainState.UNKNOWN);
    private long generation;

    /**
     * @param operator the signed-in operator (null when nobody is), read on the FX thread
     * @param zone     the day a "since" date starts in
     */
    public AuditViewModel(AuditLog log, Tasks tasks, ObservableValue<Operator> operator, ZoneId zone) {
        this.log = Objects.requireNonNull(log, "log");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.operator = Objects.requireNonNull(operator, "operator");
        this.zone = Objects.requireNonNull(zone, "zone");
        operator.addListener((o, a, b) -> onOperatorChanged());
        actionFilter.addListener((o, a, b) -> refresh());
        sinceFilter.addListener((o, a, b) -> refresh());
        onOperatorChanged();
    }

    // ---- Properties

    public StringProperty operatorFilterProperty() {
        return operatorFilter;
    }

    public StringProperty deviceFilterProperty() {
        return deviceFilter;
    }

    /** null: every action. */
    public ObjectProperty<AuditAction> actionFilterProperty() {
        return actionFilter;
    }

    /** null: from the first entry on. */
    public ObjectProperty<LocalDate> sinceFilterProperty() {
        return sinceFilter;
    }

    public List<AuditAction> actionChoices() {
        return List.of(AuditAction.values());
    }

    /** The matching entries, newest first (at most {@link #MAX_ROWS}). */
    public ObservableList<AuditRow> rows() {
        return FXCollections.unmodifiableObservableList(rows);
    }

    /** Whether the signed-in operator may read the log. */
    public ReadOnlyBooleanProperty allowedProperty() {
        return allowed.getReadOnlyProperty();
    }

    /** Why the log is not shown ("" when it is). */
    public ReadOnlyStringProperty refusalProperty() {
        return refusal.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** "42 entries", "showing the newest 5,000 of 12,345 entries", an export's result, or what failed. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The last "Verify chain" result in words. */
    public ReadOnlyStringProperty chainTextProperty() {
        return chainText.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ChainState> chainStateProperty() {
        return chainState.getReadOnlyProperty();
    }

    // ---- Commands

    /** Reads the entries the filters select, in the background. Does nothing for someone who may not read the log. */
    public void refresh() {
        if (!allowed.get()) {
            return;
        }
        long g = ++generation;
        AuditQuery q = query();
        loading.set(true);
        tasks.run("reading the audit log", () -> newest(q), result -> {
            if (g != generation) {
                return;
            }
            loading.set(false);
            rows.setAll(result.rows());
            message.set(result.total() > result.rows().size()
                    ? String.format("showing the newest %,d of %,d entries", result.rows().size(), result.total())
                    : String.format("%,d %s", result.total(), result.total() == 1 ? "entry" : "entries"));
        }, failure -> {
            if (g == generation) {
                loading.set(false);
                message.set("Could not read the audit log: " + Tasks.describe(failure));
            }
        });
    }

    /** Checks every entry's hash and link, in the background; the result lands in {@link #chainTextProperty()}. */
    public void verify() {
        if (!allowed.get() || chainState.get() == ChainState.CHECKING) {
            return;
        }
        chainState.set(ChainState.CHECKING);
        chainText.set("Checking the chain…");
        tasks.run("verifying the audit log", log::verify, v -> {
            chainState.set(v.intact() ? ChainState.INTACT : ChainState.BROKEN);
            chainText.set(describe(v));
        }, failure -> {
            chainState.set(ChainState.FAILED);
            chainText.set("Could not verify the audit log: " + Tasks.describe(failure));
        });
    }

    /** Writes every entry the filters select (not only the shown ones) to {@code file} as CSV, in the background. */
    public void exportCsv(Path file) {
        if (!allowed.get() || file == null) {
            return;
        }
        AuditQuery q = query();
        message.set("Exporting to " + file + "…");
        tasks.run("exporting the audit log", () -> write(q, file),
                n -> message.set(String.format("Exported %,d %s to %s", n, n == 1 ? "entry" : "entries", file)),
                failure -> message.set("Could not export to " + file + ": " + Tasks.describe(failure)));
    }

    /** Clears every filter and reads again. */
    public void clearFilters() {
        operatorFilter.set("");
        deviceFilter.set("");
        actionFilter.set(null);
        sinceFilter.set(null);
        refresh();
    }

    /** The verification result for people: "Intact — 42 entries, each linked to the one before." */
    static String describe(AuditVerification v) {
        return switch (v) {
            case AuditVerification.Intact i -> i.entries() == 0 ? "Intact — the audit log is empty."
                    : String.format("Intact — %,d %s, each linked to the one before (head %s…).", i.entries(),
                    i.entries() == 1 ? "entry" : "entries", i.headHashHex().substring(0, Math.min(12, i.headHashHex().length())));
            case AuditVerification.Broken b -> "Tampered with — " + b.problem()
                    + ". Entries from there on cannot be trusted.";
        };
    }

    AuditQuery query() {
        AuditQuery q = AuditQuery.all();
        String op = operatorFilter.get() == null ? "" : operatorFilter.get().strip();
        String dev = deviceFilter.get() == null ? "" : deviceFilter.get().strip();
        if (!op.isEmpty()) {
            q = q.operator(op);
        }
        if (!dev.isEmpty()) {
            q = q.device(dev);
        }
        if (actionFilter.get() != null) {
            q = q.action(actionFilter.get());
        }
        if (sinceFilter.get() != null) {
            q = q.since(sinceFilter.get().atStartOfDay(zone).toInstant());
        }
        return q;
    }

    private void onOperatorChanged() {
        Operator who = operator.getValue();
        boolean may = who != null && AccessPolicy.allows(who, Permission.READ_AUDIT);
        generation++;
        loading.set(false);
        rows.clear();
        message.set("");
        chainText.set("");
        chainState.set(ChainState.UNKNOWN);
        refusal.set(may ? "" : who == null ? REFUSAL + " Sign in (Ctrl+L) as one of them." : REFUSAL);
        allowed.set(may);
        refresh();
    }

    private record Newest(List<AuditRow> rows, long total) {
    }

    /** Background: the newest {@link #MAX_ROWS} matching entries, newest first, and how many matched. */
    private Newest newest(AuditQuery q) {
        var keep = new ArrayDeque<AuditRecord>(Math.min(MAX_ROWS, 1024));
        long[] total = {0};
        log.forEach(q, r -> {
            total[0]++;
            if (keep.size() == MAX_ROWS) {
                keep.removeFirst();
            }
            keep.addLast(r);
        });
        var out = new ArrayList<AuditRow>(keep.size());
        keep.descendingIterator().forEachRemaining(r -> out.add(AuditRow.of(r)));
        return new Newest(out, total[0]);
    }

    private long write(AuditQuery q, Path file) throws IOException {
        long[] n = {0};
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(AuditCsv.HEADER);
            w.write('\n');
            log.forEach(q, r -> {
                try {
                    w.write(AuditCsv.line(r));
                    w.write('\n');
                    n[0]++;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return n[0];
    }
}
