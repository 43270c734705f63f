package io.edgedeck.views.connections;

import io.edgedeck.link.mqtt.ConnectionEvent;
import io.edgedeck.link.mqtt.LinkState;
import io.edgedeck.services.links.ConnectionPhase;
import io.edgedeck.services.links.ConnectionSnapshot;
import io.edgedeck.services.links.LiveConnections;
import io.edgedeck.views.common.Formats;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The console's live connections as the status bar's chips and the connections window show them, and the selected
 * connection's log (newest first, copyable as text). {@link #refresh()} reads the connections (no I/O) about once a
 * second; FX thread.
 */
public final class ConnectionsViewModel {
    private final LiveConnections live;
    private final ObservableList<ConnectionSnapshot> connections = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper count = new ReadOnlyIntegerWrapper(this, "count");
    private final StringProperty selected = new SimpleStringProperty(this, "selected");
    private final ObservableList<LogRow> log = FXCollections.observableArrayList();

    public ConnectionsViewModel(LiveConnections live) {
        this.live = live;
        selected.addListener((o, a, b) -> refreshLog());
    }

    // ---- Properties

    /** Each connection, the primary one first. */
    public ObservableList<ConnectionSnapshot> connections() {
        return connections;
    }

    public ReadOnlyIntegerProperty countProperty() {
        return count.getReadOnlyProperty();
    }

    /** The connection whose log shows. */
    public StringProperty selectedProperty() {
        return selected;
    }

    /** The selected connection's state changes, newest first. */
    public ObservableList<LogRow> log() {
        return log;
    }

    // ---- Commands

    public void refresh() {
        List<ConnectionSnapshot> now = live.connections();
        if (!now.equals(connections)) connections.setAll(now);
        count.set(now.size());
        if (selected.get() == null || now.stream().noneMatch(c -> c.name().equals(selected.get()))) {
            selected.set(now.isEmpty() ? null : now.getFirst().name());
        }
        refreshLog();
    }

    private void refreshLog() {
        List<LogRow> rows = rows(selected.get() == null ? List.of() : live.log(selected.get()));
        if (!rows.equals(log)) log.setAll(rows);
    }

    /** The log as text, one change a line, newest first (Copy). */
    public String logText() {
        return (selected.get() == null ? "" : selected.get() + "\n") + log.stream()
                .map(r -> r.time() + "  " + r.change() + "  " + r.cause()).collect(Collectors.joining("\n"));
    }

    // ---- Presentation

    static List<LogRow> rows(List<ConnectionEvent> events) {
        var rows = new ArrayList<LogRow>(events.size());
        for (int i = events.size() - 1; i >= 0; i--) {
            ConnectionEvent e = events.get(i);
            rows.add(new LogRow(Formats.dateTime(e.at()), word(e.from()) + " → " + word(e.to()), e.cause()));
        }
        return rows;
    }

    private static String word(LinkState s) {
        return s.name().toLowerCase(Locale.ROOT);
    }

    /** A chip's text: the connection's name, shortened ("Demo fleet (built-in broker)" → "Demo fleet"). */
    public static String chipText(ConnectionSnapshot c) {
        String name = c.name();
        if (name.length() > 24 && name.indexOf(" (") > 0) name = name.substring(0, name.indexOf(" ("));
        return name.length() > 24 ? name.substring(0, 23) + "…" : name;
    }

    /** A chip's tooltip: name, state, address, last cause, counters, and what a click does. */
    public static String chipTooltip(ConnectionSnapshot c) {
        var b = new StringBuilder(c.name()).append(c.primary() ? " (primary)" : "").append(" — ").append(c.phase().word());
        if (!c.address().isEmpty()) b.append("\n").append(c.address());
        if (!c.lastCause().isEmpty()) {
            b.append("\n").append(c.phase() == ConnectionPhase.FAILED ? "Cause: " : "Last change: ").append(c.lastCause());
        }
        b.append("\n").append(Formats.count(c.messages())).append(" messages");
        c.lastMessage().ifPresent(t -> b.append(", last at ").append(Formats.dateTime(t)));
        if (c.dropWarnings() > 0) b.append("\n⚠ ").append(c.dropWarnings()).append(" drop warning(s)");
        b.append("\nClick for the connection log");
        return b.toString();
    }
}
