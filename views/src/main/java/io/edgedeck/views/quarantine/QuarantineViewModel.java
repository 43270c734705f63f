package io.edgedeck.views.quarantine;

import io.edgedeck.db.QuarantineLog;
import io.edgedeck.db.QuarantinedMessage;
import io.edgedeck.views.common.Formats;
import io.edgedeck.views.common.Tasks;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

/** The Quarantine screen: the newest quarantined messages, loaded in the background, and the total count. */
public final class QuarantineViewModel {
    /** How many messages the table holds. */
    public static final int LIMIT = 500;

    private final LongSupplier countSource;
    private final IntFunction<List<QuarantinedMessage>> recentSource;
    private final Tasks tasks;
    private final ObservableList<QuarantineRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyLongWrapper count = new ReadOnlyLongWrapper(this, "count");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ObjectProperty<QuarantineRow> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyStringWrapper detailText = new ReadOnlyStringWrapper(this, "detailText", "");
    private final ReadOnlyStringWrapper detailHex = new ReadOnlyStringWrapper(this, "detailHex", "");
    private long generation;

    public QuarantineViewModel(QuarantineLog log, Tasks tasks) {
        this(log::count, log::recent, tasks);
    }

    public QuarantineViewModel(LongSupplier countSource, IntFunction<List<QuarantinedMessage>> recentSource, Tasks tasks) {
        this.countSource = countSource;
        this.recentSource = recentSource;
        this.tasks = tasks;
        selected.addListener((o, a, b) -> {
            detailText.set(b == null ? "" : Formats.payloadText(b.message().payload(), 64 * 1024));
            detailHex.set(b == null ? "" : Formats.hexDump(b.message().payload()));
        });
    }

    // ---- Properties

    /** Newest first. */
    public ObservableList<QuarantineRow> rows() {
        return rows;
    }

    /** All quarantined messages in the store. */
    public ReadOnlyLongProperty countProperty() {
        return count.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** "Showing the newest 500 of 1,234", an error, or "". */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ObjectProperty<QuarantineRow> selectedProperty() {
        return selected;
    }

    /** The selected payload as text. */
    public ReadOnlyStringProperty detailTextProperty() {
        return detailText.getReadOnlyProperty();
    }

    /** The selected payload as a hex dump. */
    public ReadOnlyStringProperty detailHexProperty() {
        return detailHex.getReadOnlyProperty();
    }

    // ---- Commands

    /** Reloads count and rows in the background; a refresh that finishes after a newer one is dropped. */
    public void refresh() {
        long mine = ++generation;
        loading.set(true);
        tasks.run("loading quarantine", () -> new Loaded(countSource.getAsLong(),
                recentSource.apply(LIMIT).stream().map(QuarantineRow::of).toList()), loaded -> {
            if (mine != generation) {
                return;
            }
            loading.set(false);
            QuarantinedMessage keep = selected.get() == null ? null : selected.get().message();
            rows.setAll(loaded.rows());
            count.set(loaded.count());
            message.set(loaded.count() > loaded.rows().size()
                    ? "Showing the newest " + Formats.count(loaded.rows().size()) + " of " + Formats.count(loaded.count())
                    : "");
            selected.set(keep == null ? null : rows.stream().filter(r -> sameMessage(r.message(), keep)).findFirst().orElse(null));
        }, failure -> {
            if (mine != generation) {
                return;
            }
            loading.set(false);
            message.set("Could not load quarantined messages: " + Tasks.describe(failure));
        });
    }

    /** Records holding arrays compare them by reference; two loads of one message compare equal here. */
    static boolean sameMessage(QuarantinedMessage a, QuarantinedMessage b) {
        return a.receivedMillis() == b.receivedMillis() && a.topic().equals(b.topic()) && a.reason().equals(b.reason())
                && java.util.Arrays.equals(a.payload(), b.payload());
    }

    private record Loaded(long count, List<QuarantineRow> rows) {
    }
}
