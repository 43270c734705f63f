package io.edgedeck.views.topics;

import io.edgedeck.services.topics.PayloadText;
import io.edgedeck.services.topics.TopicDetail;
import io.edgedeck.services.topics.TopicSnapshot;
import io.edgedeck.services.topics.TopicStatus;
import io.edgedeck.services.topics.TopicTree;
import io.edgedeck.services.topics.TopicUpdates;
import io.edgedeck.views.common.Formats;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.control.TreeItem;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Topics screen's state: the topic tree of every connection, the filter, "only unknown", the count of unknown
 * topics and the selected topic's last message.
 *
 * <h2>Threads</h2>
 * {@link #onPulse()} runs on the FX thread a few times a second. It starts a background {@link TopicUpdates#refresh()}
 * (the tree's drain, and what changed since the rows were last given — never on the FX thread) and applies at most
 * {@link #MAX_ROWS_PER_PULSE} of the changes a previous refresh queued; the rest wait for the next pulse, each row
 * with its newest values. Tree items are created once per node and re-parented only when topics appear or the filter
 * changes, so 10,000 topics at 1 Hz cost the FX thread a bounded number of property updates per pulse. A selected
 * row's detail is read in the background too (the tree's lock may be held by a drain); it is shown only if the row is
 * still selected and no newer detail came meanwhile.
 */
public final class TopicsViewModel {
    /** Rows a pulse applies at most (created or updated); the rest come with the next pulses. */
    public static final int MAX_ROWS_PER_PULSE = 2_000;
    /** Of those, rows created at most (a new row and its tree item cost more than an update). */
    public static final int MAX_NEW_ROWS_PER_PULSE = 1_000;

    private final TopicTree tree;
    private final TopicUpdates updates;
    private final int maxRowsPerPulse;
    private final java.util.concurrent.atomic.AtomicBoolean refreshing = new java.util.concurrent.atomic.AtomicBoolean();
    private int lastApplied;
    private int left;
    private final Clock clock;
    private final TreeItem<TopicRow> root = new TreeItem<>();
    private final Map<String, TopicRow> rows = new HashMap<>();
    private final Map<String, TreeItem<TopicRow>> items = new HashMap<>();
    private final List<TopicRow> connections = new ArrayList<>();
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final BooleanProperty onlyUnknown = new SimpleBooleanProperty(this, "onlyUnknown");
    private final BooleanProperty showSys = new SimpleBooleanProperty(this, "showSys");
    private final ReadOnlyStringWrapper sysNote = new ReadOnlyStringWrapper(this, "sysNote", "");
    private final Map<String, String> sysNotes = new java.util.LinkedHashMap<>();
    private final ReadOnlyIntegerWrapper unknownTopics = new ReadOnlyIntegerWrapper(this, "unknownTopics");
    private final ReadOnlyIntegerWrapper topics = new ReadOnlyIntegerWrapper(this, "topics");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "Topics");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "No messages yet");
    private final ObjectProperty<TopicRow> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyStringWrapper detailTopic = new ReadOnlyStringWrapper(this, "detailTopic", "");
    private final ReadOnlyStringWrapper detailStatus = new ReadOnlyStringWrapper(this, "detailStatus", "");
    private final ReadOnlyStringWrapper detailMeta = new ReadOnlyStringWrapper(this, "detailMeta", "");
    private final ReadOnlyStringWrapper detailPayload = new ReadOnlyStringWrapper(this, "detailPayload", "");
    private final ReadOnlyStringWrapper detailStatusClass = new ReadOnlyStringWrapper(this, "detailStatusClass", "");
    private final ReadOnlyBooleanWrapper canMap = new ReadOnlyBooleanWrapper(this, "canMap");
    private Optional<TopicDetail> detail = Optional.empty();
    /** Counts the selection's detail reads; a read that is not the newest is stale (FX thread). */
    private long detailRead;
    private boolean needsRebuild;
    /** Rows that got new children in this pulse (without a filter), null for the list of connections. */
    private final java.util.Set<TopicRow> grown = new java.util.LinkedHashSet<>();
    private final io.edgedeck.views.common.Tasks tasks;
    private TopicMapper mapper = TopicMapper.unavailable();

    public TopicsViewModel(TopicTree tree, io.edgedeck.views.common.Tasks tasks, Clock clock) {
        this(tree, tasks, clock, MAX_ROWS_PER_PULSE);
    }

    /** @param maxRowsPerPulse rows {@link #onPulse()} applies at most */
    TopicsViewModel(TopicTree tree, io.edgedeck.views.common.Tasks tasks, Clock clock, int maxRowsPerPulse) {
        if (maxRowsPerPulse < 1) throw new IllegalArgumentException("maxRowsPerPulse must be at least 1");
        this.tree = tree;
        this.updates = new TopicUpdates(tree);
        this.maxRowsPerPulse = maxRowsPerPulse;
        this.tasks = tasks;
        this.clock = clock;
        filter.addListener((o, a, b) -> rebuild());
        onlyUnknown.addListener((o, a, b) -> rebuild());
        showSys.addListener((o, a, b) -> rebuild());
        selected.addListener((o, a, b) -> showDetail());
        showDetail();
    }

    // ---- Properties

    /** The hidden root; its children are the connections. */
    public TreeItem<TopicRow> root() { return root; }
    public StringProperty filterProperty() { return filter; }
    public BooleanProperty onlyUnknownProperty() { return onlyUnknown; }
    /**
     * Show the brokers' {@code $SYS/…} topics (the app subscribes to them while this is on); off hides the ones seen.
     */
    public BooleanProperty showSysProperty() { return showSys; }
    /** Why a broker's {@code $SYS} topics do not show ("" when nothing is wrong). */
    public ReadOnlyStringProperty sysNoteProperty() { return sysNote.getReadOnlyProperty(); }
    public ReadOnlyIntegerProperty unknownTopicsProperty() { return unknownTopics.getReadOnlyProperty(); }
    public ReadOnlyIntegerProperty topicsProperty() { return topics.getReadOnlyProperty(); }
    /** "Topics", or "Topics (3 unknown)". */
    public ReadOnlyStringProperty titleProperty() { return title.getReadOnlyProperty(); }
    /** "1,204 topics · 3 unknown topics · 240.0 msgs/s". */
    public ReadOnlyStringProperty summaryProperty() { return summary.getReadOnlyProperty(); }
    public ObjectProperty<TopicRow> selectedProperty() { return selected; }
    public ReadOnlyStringProperty detailTopicProperty() { return detailTopic.getReadOnlyProperty(); }
    public ReadOnlyStringProperty detailStatusProperty() { return detailStatus.getReadOnlyProperty(); }
    /** "topic-understood", "topic-unknown", …: the style of the status line. */
    public ReadOnlyStringProperty detailStatusClassProperty() { return detailStatusClass.getReadOnlyProperty(); }
    public ReadOnlyStringProperty detailMetaProperty() { return detailMeta.getReadOnlyProperty(); }
    public ReadOnlyStringProperty detailPayloadProperty() { return detailPayload.getReadOnlyProperty(); }
    /** A topic with a message is selected. */
    public ReadOnlyBooleanProperty canMapProperty() { return canMap.getReadOnlyProperty(); }

    /** The selected topic's last message, for "Map this topic to a device…". */
    public Optional<TopicDetail> selectedDetail() {
        return detail;
    }

    /** The row of this connection and topic, if seen. */
    public Optional<TopicRow> row(String connection, String topic) {
        return Optional.ofNullable(rows.get(connection + '\u0000' + topic));
    }

    /** The tree item of a row (to select it). */
    public Optional<TreeItem<TopicRow>> item(TopicRow row) {
        return Optional.ofNullable(items.get(row.key()));
    }

    // ---- Commands

    /** Where "Map this topic to a device…" saves and applies its rule (the app sets it). */
    public void setMapper(TopicMapper mapper) {
        this.mapper = java.util.Objects.requireNonNull(mapper, "mapper");
    }

    /**
     * What became of the {@code $SYS} subscription on this connection: a sentence when it was refused or failed, ""
     * or null when it is fine or off. FX thread.
     */
    public void setSysNote(String connection, String note) {
        if (note == null || note.isBlank()) {
            sysNotes.remove(connection);
        } else {
            sysNotes.put(connection, note.strip());
        }
        showSysNotes();
    }

    private void showSysNotes() {
        if (sysNotes.size() <= 1) {
            sysNote.set(sysNotes.values().stream().findFirst().orElse(""));
        } else {
            List<String> lines = new ArrayList<>();
            sysNotes.forEach((c, n) -> lines.add(c + ": " + n));
            sysNote.set(String.join("\n", lines));
        }
    }

    /** The dialog's model for the selected topic, or empty when no topic with a message is selected. */
    public Optional<MapTopicViewModel> mapSelected() {
        TopicRow row = selected.get();
        if (row == null || !canMap.get()) return Optional.empty();
        return detail.filter(TopicDetail::hasMessage) // the message shown, kept fresh by the pulses
                .map(d -> new MapTopicViewModel(row.source(), d, mapper, tasks, clock));
    }

    /**
     * Starts the background refresh of what changed and applies at most {@link #MAX_ROWS_PER_PULSE} changes that an
     * earlier refresh queued. FX thread, a few times a second.
     */
    public void onPulse() {
        if (refreshing.compareAndSet(false, true)) {
            tasks.run("Topic tree refresh", () -> {
                try {
                    updates.refresh();
                } finally {
                    refreshing.set(false);
                }
                return null;
            }, r -> { }, e -> { });
        }
        TopicUpdates.Batch c = updates.take(maxRowsPerPulse, Math.min(maxRowsPerPulse, MAX_NEW_ROWS_PER_PULSE));
        for (String gone : c.removedSources()) removeConnection(gone);
        TopicRow sel = selected.get();
        for (TopicSnapshot s : c.changed()) {
            TopicRow row = rows.get(s.key());
            if (row == null) {
                addRow(s);
            } else {
                TopicStatus before = row.statusProperty().get();
                row.update(s);
                if (before != s.status() && onlyUnknown.get()) needsRebuild = true;
            }
        }
        lastApplied = c.changed().size();
        left = c.left();
        if (needsRebuild) {
            rebuild();
        } else {
            // deepest first: a new branch gets its children before it is attached, so those changes reach no table
            List<TopicRow> parents = new ArrayList<>(grown);
            parents.sort(java.util.Comparator.comparingInt((TopicRow r) -> r == null ? -1 : r.depth()).reversed());
            for (TopicRow parent : parents) {
                List<TreeItem<TopicRow>> kids = new ArrayList<>();
                for (TopicRow r : parent == null ? connections : parent.children.values()) {
                    if (!hidden(r)) kids.add(items.get(r.key()));
                }
                setIfDifferent(parent == null ? root.getChildren() : items.get(parent.key()).getChildren(), kids);
            }
        }
        grown.clear();
        c.watchedDetail().ifPresent(d -> {
            if (sel != null && sel == selected.get() && sel.source().equals(d.source()) && sel.path().equals(d.topic())) {
                detailRead++; // newer than a read still under way
                render(sel, Optional.of(d));
            }
        });
        unknownTopics.set(c.unknownTopics());
        topics.set(c.topics());
        title.set(c.unknownTopics() == 0 ? "Topics" : String.format(Locale.ROOT, "Topics (%,d unknown)", c.unknownTopics()));
        double rate = connections.stream().mapToDouble(r -> r.rateProperty().get()).sum();
        summary.set(c.topics() == 0 ? "No messages yet" : String.format(Locale.ROOT, "%,d %s · %,d unknown %s · %s msgs/s",
                c.topics(), c.topics() == 1 ? "topic" : "topics", c.unknownTopics(),
                c.unknownTopics() == 1 ? "topic" : "topics", Formats.number(rate, 1)));
    }

    /** Rows the last pulse created or updated (at most {@link #MAX_ROWS_PER_PULSE}). */
    int lastPulseRows() {
        return lastApplied;
    }

    /** Changes queued for later pulses after the last one. */
    int rowsWaiting() {
        return left;
    }

    private void addRow(TopicSnapshot s) {
        TopicRow parent = s.parentKey() == null ? null : rows.get(s.parentKey());
        if (s.depth() > 0 && parent == null) return; // its connection was removed meanwhile
        TopicRow row = new TopicRow(s, parent);
        rows.put(row.key(), row);
        var item = new TreeItem<>(row);
        item.setExpanded(s.depth() == 0);
        items.put(row.key(), item);
        if (parent == null) {
            connections.add(row);
        } else {
            parent.children.put(row.name(), row);
        }
        if (filtering()) {
            if (visible(row)) needsRebuild = true; // a new row has no children yet: only its own match counts
        } else {
            grown.add(parent); // its items are set from its rows at the end of the pulse (null: the connections)
        }
    }

    private void removeConnection(String name) {
        TopicRow row = rows.get(name + '\u0000');
        if (row == null) return;
        connections.remove(row);
        root.getChildren().remove(items.get(row.key()));
        if (sysNotes.remove(name) != null) showSysNotes();
        forget(row);
        if (selected.get() != null && selected.get().source().equals(name)) selected.set(null);
    }

    private void forget(TopicRow row) {
        rows.remove(row.key());
        items.remove(row.key());
        for (TopicRow c : row.children.values()) forget(c);
    }

    /** A broker statistics topic ({@code $SYS/…}) while they are not shown. */
    private boolean hidden(TopicRow row) {
        return !showSys.get() && row.path().startsWith("$");
    }

    /** Shown by the filter on its own account (a match of its path, or of its connection's name). */
    private boolean visible(TopicRow row) {
        if (hidden(row)) return false;
        String text = filter.get() == null ? "" : filter.get().strip().toLowerCase(Locale.ROOT);
        boolean matches = text.isEmpty() || row.path().toLowerCase(Locale.ROOT).contains(text)
                || row.isConnection() && row.name().toLowerCase(Locale.ROOT).contains(text);
        return matches && (!onlyUnknown.get() || row.statusProperty().get().needsMapping() || row.isConnection());
    }

    private boolean filtering() {
        return onlyUnknown.get() || !filter.get().isBlank();
    }

    /** Shows the rows that match (and the branches that lead to them); all rows when nothing filters. */
    private void rebuild() {
        needsRebuild = false;
        String text = filter.get() == null ? "" : filter.get().strip().toLowerCase(Locale.ROOT);
        boolean unknown = onlyUnknown.get();
        List<TreeItem<TopicRow>> top = new ArrayList<>();
        for (TopicRow c : connections) {
            if (attachVisible(c, text, unknown, false) || !filtering()) top.add(items.get(c.key()));
        }
        setIfDifferent(root.getChildren(), top);
    }

    /** Sets the item's children to its visible children; true when the row or something below it is visible. */
    private boolean attachVisible(TopicRow row, String text, boolean unknown, boolean parentMatches) {
        boolean matches = parentMatches || text.isEmpty() || row.path().toLowerCase(Locale.ROOT).contains(text)
                || row.isConnection() && row.name().toLowerCase(Locale.ROOT).contains(text);
        List<TreeItem<TopicRow>> kids = new ArrayList<>();
        boolean below = false;
        for (TopicRow c : row.children.values()) {
            if (hidden(c)) continue;
            if (attachVisible(c, text, unknown, matches && !text.isEmpty() && !row.isConnection())) {
                kids.add(items.get(c.key()));
                below = true;
            }
        }
        TreeItem<TopicRow> item = items.get(row.key());
        setIfDifferent(item.getChildren(), kids);
        boolean self = matches && (!unknown || row.statusProperty().get().needsMapping());
        if (filtering() && below) item.setExpanded(true);
        return self || below;
    }

    private static void setIfDifferent(List<TreeItem<TopicRow>> current, List<TreeItem<TopicRow>> wanted) {
        if (current.size() == wanted.size()) {
            boolean same = true;
            for (int i = 0; i < wanted.size() && same; i++) same = current.get(i) == wanted.get(i);
            if (same) return;
        }
        ((javafx.collections.ObservableList<TreeItem<TopicRow>>) current).setAll(wanted);
    }

    /**
     * The selection changed: its detail is read in the background (never on the FX thread: a drain may hold the tree's
     * lock), then from the background refreshes while it changes. A read that arrives after another row was selected,
     * or after a newer detail, is dropped.
     */
    private void showDetail() {
        TopicRow row = selected.get();
        long read = ++detailRead;
        if (row == null) {
            updates.watch(null, null);
            render(null, Optional.empty());
            return;
        }
        updates.watch(row.source(), row.path());
        showReading(row);
        tasks.run("Topic detail", () -> tree.detail(row.source(), row.path()), d -> {
            if (read == detailRead && row == selected.get()) render(row, d);
        }, e -> { });
    }

    /** The row's name while its detail is read; nothing of the row selected before. */
    private void showReading(TopicRow row) {
        detail = Optional.empty();
        canMap.set(false);
        detailTopic.set(row.isConnection() ? row.source() : row.path());
        detailStatus.set("");
        detailStatusClass.set("");
        detailMeta.set("");
        detailPayload.set("");
    }

    private void render(TopicRow row, Optional<TopicDetail> shown) {
        detail = shown;
        canMap.set(detail.map(TopicDetail::hasMessage).orElse(false) && !row.path().startsWith("$"));
        if (row == null || detail.isEmpty()) {
            detailTopic.set("");
            detailStatus.set("Select a topic to see its last message.");
            detailStatusClass.set("");
            detailMeta.set("");
            detailPayload.set("");
            return;
        }
        TopicDetail d = detail.get();
        long now = clock.millis();
        detailTopic.set(row.isConnection() ? row.source() : row.path());
        if (!d.hasMessage()) {
            detailStatus.set(plural(row.topicsBelowProperty().get(), "topic") + " below, "
                    + Formats.count(row.unknownBelowProperty().get()) + " unknown");
            detailStatusClass.set("");
            detailMeta.set(String.format(Locale.ROOT, "%s · %s msgs/s · newest %s", plural(d.branchMessages(), "message"),
                    Formats.number(d.rate(), 1), Formats.age(row.lastMillisProperty().get(), now)));
            detailPayload.set("");
            return;
        }
        detailStatus.set(statusLine(d));
        detailStatusClass.set("topic-" + d.status().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        PayloadText p = PayloadText.of(d.payload());
        String size = d.payloadSize() > d.payload().length
                ? String.format(Locale.ROOT, "%,d bytes (first %,d shown)", d.payloadSize(), d.payload().length)
                : String.format(Locale.ROOT, "%,d bytes", d.payloadSize());
        detailMeta.set(String.format(Locale.ROOT, "%s · %s · QoS %d%s · %s (%s) · %s · %s msgs/s",
                p.kind().label(), size, d.qos(), d.retained() ? " · retained" : "", Formats.dateTime(d.lastMillis()),
                Formats.age(d.lastMillis(), now), plural(d.ownMessages(), "message"), Formats.number(d.rate(), 1)));
        detailPayload.set(p.text());
    }

    private static String plural(long n, String word) {
        return Formats.count(n) + " " + word + (n == 1 ? "" : "s");
    }

    private static String statusLine(TopicDetail d) {
        return switch (d.status()) {
            case UNDERSTOOD -> "Understood: " + d.statusDetail();
            case NOT_DECODED -> "Not decoded: " + d.statusDetail();
            case UNKNOWN -> "Unknown: no mapping rule matches this topic — map it to a device";
            case SYSTEM -> "The broker's own statistics";
            case NONE -> "";
        };
    }
}
