package io.edgedeck.views.topics;

import io.edgedeck.services.topics.TopicStatus;
import io.edgedeck.views.common.Formats;
import javafx.beans.binding.Bindings;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.controlsfx.control.textfield.TextFields;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The Topics screen: every topic of the connection as a tree (messages, msgs/s and newest message per branch, an
 * understood / unknown badge per topic), a filter, "only unknown", and the selected topic's last payload
 * pretty-printed. "Map to device…" (button, context menu, Ctrl+M) opens the {@link MapTopicDialog}.
 */
public final class TopicsView extends BorderPane {
    /** Maps the selected topic to a device (on the Topics screen). */
    public static final KeyCombination MAP_TOPIC = new KeyCodeCombination(KeyCode.M, KeyCombination.SHORTCUT_DOWN);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private final TopicsViewModel vm;
    private final TextField filter = TextFields.createClearableTextField();
    private final TreeTableView<TopicRow> table = new TreeTableView<>();
    private final Consumer<String> onMapped;

    /** @param onMapped told (FX thread) the sentence the mapper answered once a rule is saved and applied */
    public TopicsView(TopicsViewModel vm, Consumer<String> onMapped) {
        this.vm = vm;
        this.onMapped = onMapped;
        getStyleClass().add("topics");
        filter.setId("topics-filter");
        filter.setPromptText("Filter topics  (Ctrl+F)");
        filter.setPrefColumnCount(24);
        filter.textProperty().bindBidirectional(vm.filterProperty());
        var unknown = new CheckBox("Only _unknown");
        unknown.setId("topics-only-unknown");
        unknown.setMnemonicParsing(true);
        unknown.selectedProperty().bindBidirectional(vm.onlyUnknownProperty());
        unknown.setTooltip(new Tooltip("Show only topics EdgeDeck does not understand yet (no rule matches, or the "
                + "payload does not fit the rule)"));
        var sys = new CheckBox("Show _broker $SYS topics");
        sys.setId("topics-show-sys");
        sys.setMnemonicParsing(true);
        sys.selectedProperty().bindBidirectional(vm.showSysProperty());
        sys.setTooltip(new Tooltip("Also subscribe to $SYS/#, where brokers such as Mosquitto and EMQX publish their "
                + "own statistics (clients, messages, uptime) — # does not include them. The built-in broker publishes "
                + "none.\nSome brokers refuse it (AWS IoT Core does); the Topics tab then says so, and topics and "
                + "ingest carry on."));
        var map = new Button("_Map to device…");
        map.setId("topics-map");
        map.setMnemonicParsing(true);
        map.disableProperty().bind(vm.canMapProperty().not());
        map.setTooltip(new Tooltip("Create a mapping rule for the selected topic (" + MAP_TOPIC.getDisplayText() + ")"));
        map.setOnAction(e -> openMapDialog());
        var summary = new Label();
        summary.setId("topics-summary");
        summary.getStyleClass().add("count-label");
        summary.textProperty().bind(vm.summaryProperty());
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var toolbar = new HBox(12, filter, unknown, sys, map, spacer, summary);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.getStyleClass().add("screen-toolbar");
        var sysNote = new Label();
        sysNote.setId("topics-sys-note");
        sysNote.getStyleClass().add("topics-sys-note");
        sysNote.setWrapText(true);
        sysNote.textProperty().bind(vm.sysNoteProperty());
        sysNote.visibleProperty().bind(vm.sysNoteProperty().isNotEmpty());
        sysNote.managedProperty().bind(sysNote.visibleProperty());
        setTop(new VBox(toolbar, sysNote));

        table.setId("topics-table");
        table.setRoot(vm.root());
        table.setShowRoot(false);
        var topic = new TreeTableColumn<TopicRow, TopicRow>("Topic");
        topic.setCellValueFactory(c -> new javafx.beans.property.SimpleObjectProperty<>(c.getValue().getValue()));
        topic.setCellFactory(c -> new TopicNameCell());
        topic.setPrefWidth(330);
        var messages = column("Messages", 95, r -> r.messagesProperty().asObject(), n -> Formats.count(n));
        var rate = column("Msgs/s", 80, r -> r.rateProperty().asObject(), v -> Formats.number(v, 1));
        var last = column("Last message", 105, r -> r.lastMillisProperty().asObject(),
                t -> t == 0 ? "" : TIME.format(Instant.ofEpochMilli(t)));
        var status = new TreeTableColumn<TopicRow, TopicRow>("Status");
        status.setCellValueFactory(c -> new javafx.beans.property.SimpleObjectProperty<>(c.getValue().getValue()));
        status.setCellFactory(c -> new StatusCell());
        status.setPrefWidth(120);
        table.getColumns().setAll(java.util.List.of(topic, messages, rate, last, status));
        table.getColumns().forEach(c -> c.setSortable(false));
        table.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No messages yet. Topics appear here as the broker delivers them."));
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) ->
                vm.selectedProperty().set(b == null ? null : b.getValue()));
        var mapItem = new MenuItem("Map this topic to a device…");
        mapItem.setId("topics-menu-map");
        mapItem.setAccelerator(MAP_TOPIC);
        mapItem.disableProperty().bind(vm.canMapProperty().not());
        mapItem.setOnAction(e -> openMapDialog());
        var copy = new MenuItem("Copy topic");
        copy.setOnAction(e -> {
            var row = vm.selectedProperty().get();
            if (row != null) {
                var content = new ClipboardContent();
                content.putString(row.path());
                Clipboard.getSystemClipboard().setContent(content);
            }
        });
        table.setContextMenu(new ContextMenu(mapItem, copy));
        table.setRowFactory(t -> new TreeTableRow<>() {
            @Override
            protected void updateItem(TopicRow item, boolean empty) {
                super.updateItem(item, empty);
                pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("connection"), !empty && item != null && item.isConnection());
            }
        });
        setOnKeyPressed(e -> {
            if (MAP_TOPIC.match(e)) {
                openMapDialog();
                e.consume();
            }
        });

        var title = new Label();
        title.setId("topics-detail-topic");
        title.getStyleClass().add("topic-detail-title");
        title.setWrapText(true);
        title.textProperty().bind(vm.detailTopicProperty());
        var statusLine = new Label();
        statusLine.setId("topics-detail-status");
        statusLine.setWrapText(true);
        statusLine.textProperty().bind(vm.detailStatusProperty());
        vm.detailStatusClassProperty().addListener((o, a, b) -> {
            statusLine.getStyleClass().removeIf(s -> s.startsWith("topic-"));
            if (b != null && !b.isEmpty()) statusLine.getStyleClass().add(b);
        });
        var meta = new Label();
        meta.setId("topics-detail-meta");
        meta.getStyleClass().add("muted");
        meta.setWrapText(true);
        meta.textProperty().bind(vm.detailMetaProperty());
        var payload = new TextArea();
        payload.setId("topics-detail-payload");
        payload.setEditable(false);
        payload.getStyleClass().addAll("monospace", "topic-payload");
        payload.textProperty().bind(vm.detailPayloadProperty());
        VBox.setVgrow(payload, Priority.ALWAYS);
        payload.visibleProperty().bind(vm.detailPayloadProperty().isNotEmpty());
        payload.managedProperty().bind(payload.visibleProperty());
        var detail = new VBox(8, title, statusLine, meta, payload);
        detail.getStyleClass().add("topic-detail");
        detail.setMinWidth(280);

        var split = new SplitPane(table, detail);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.6);
        SplitPane.setResizableWithParent(detail, false);
        setCenter(split);
    }

    /** Ctrl+F on this screen. */
    public void focusFilter() {
        filter.requestFocus();
        filter.selectAll();
    }

    /** Opens "Map this topic to a device…" for the selected topic (nothing when none is selected). */
    public void openMapDialog() {
        vm.mapSelected().ifPresent(model -> {
            var dialog = new MapTopicDialog(model, getScene() == null ? null : getScene().getWindow(),
                    getScene() == null ? null : getScene().getRoot());
            dialog.setOnHidden(e -> {
                if (model.doneProperty().get()) onMapped.accept(model.resultProperty().get());
            });
            dialog.show();
        });
    }

    /** Selects the row of this topic, opening its branches (tests, links from elsewhere). */
    public void select(String connection, String topic) {
        vm.row(connection, topic).flatMap(vm::item).ifPresent(item -> {
            for (var p = item.getParent(); p != null; p = p.getParent()) p.setExpanded(true);
            table.getSelectionModel().select(item);
            int index = table.getRow(item);
            if (index >= 0) table.scrollTo(index);
        });
    }

    private static <T> TreeTableColumn<TopicRow, T> column(String title, double width,
                                                           Function<TopicRow, javafx.beans.value.ObservableValue<T>> value,
                                                           Function<T, String> text) {
        var c = new TreeTableColumn<TopicRow, T>(title);
        c.setCellValueFactory(f -> f.getValue() == null || f.getValue().getValue() == null ? null
                : value.apply(f.getValue().getValue()));
        c.setCellFactory(x -> new TreeTableCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : text.apply(item));
            }
        });
        c.setPrefWidth(width);
        c.setStyle("-fx-alignment: CENTER-RIGHT;");
        return c;
    }

    private static final class TopicNameCell extends TreeTableCell<TopicRow, TopicRow> {
        @Override
        protected void updateItem(TopicRow row, boolean empty) {
            super.updateItem(row, empty);
            getStyleClass().remove("topic-connection");
            if (empty || row == null) {
                setText(null);
                return;
            }
            if (row.isConnection()) {
                getStyleClass().add("topic-connection");
                setText(row.name());
            } else {
                setText(row.name().isEmpty() ? "(empty level)" : row.name());
            }
        }
    }

    /** The badge: "understood", "unknown", …, or for a branch "3 unknown". Follows the row's properties. */
    private static final class StatusCell extends TreeTableCell<TopicRow, TopicRow> {
        private final Label badge = new Label();
        private TopicRow shown;
        private final javafx.beans.InvalidationListener refresh = o -> show();

        StatusCell() {
            badge.getStyleClass().add("topic-badge");
            setGraphic(null);
        }

        @Override
        protected void updateItem(TopicRow row, boolean empty) {
            super.updateItem(row, empty);
            if (shown != null) {
                shown.statusProperty().removeListener(refresh);
                shown.unknownBelowProperty().removeListener(refresh);
            }
            shown = empty ? null : row;
            if (shown != null) {
                shown.statusProperty().addListener(refresh);
                shown.unknownBelowProperty().addListener(refresh);
            }
            show();
        }

        private void show() {
            setText(null);
            badge.getStyleClass().removeIf(s -> s.startsWith("topic-") && !s.equals("topic-badge"));
            if (shown == null) {
                setGraphic(null);
                return;
            }
            TopicStatus s = shown.statusProperty().get();
            if (s != TopicStatus.NONE) {
                badge.setText(s.label());
                badge.getStyleClass().add("topic-" + s.name().toLowerCase(Locale.ROOT).replace('_', '-'));
                setGraphic(badge);
            } else if (shown.unknownBelowProperty().get() > 0) {
                badge.setText(Formats.count(shown.unknownBelowProperty().get()) + " unknown");
                badge.getStyleClass().add("topic-branch-unknown");
                setGraphic(badge);
            } else {
                setGraphic(null);
            }
        }
    }
}
