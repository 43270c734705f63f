package io.edgedeck.views.connections;

import io.edgedeck.services.links.ConnectionSnapshot;
import io.edgedeck.views.common.Formats;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
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

import java.util.function.Function;

/**
 * The connections window's content: every live connection with its state, messages and last message time on the
 * left; the selected one's log (state changes with their causes, newest first) on the right, with Copy (Ctrl+C).
 * Binds only.
 */
public final class ConnectionsView extends BorderPane {
    private static final KeyCombination COPY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);
    private final TableView<ConnectionSnapshot> list = new TableView<>();
    private final ConnectionsViewModel vm;

    public ConnectionsView(ConnectionsViewModel vm) {
        this.vm = vm;
        setId("connections-view");
        list.setId("connections-list");
        list.setItems(vm.connections());
        list.getColumns().setAll(java.util.List.of(
                column("Connection", 170, c -> c.name() + (c.primary() ? " (primary)" : "")),
                column("State", 100, c -> c.phase().word()),
                column("Messages", 90, c -> Formats.count(c.messages())),
                column("Last message", 150, c -> c.lastMessage().map(Formats::dateTime).orElse("—"))));
        list.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        list.setPlaceholder(new Label("No connection."));
        list.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) vm.selectedProperty().set(b.name());
        });
        vm.connections().addListener((javafx.collections.ListChangeListener<ConnectionSnapshot>) ch -> reselect());

        var log = new TableView<LogRow>();
        log.setId("connection-log");
        log.setItems(vm.log());
        var cause = new TableColumn<LogRow, String>("Cause");
        cause.setCellValueFactory(r -> new ReadOnlyStringWrapper(r.getValue().cause()));
        cause.setPrefWidth(420);
        cause.setCellFactory(c -> new javafx.scene.control.TableCell<>() { // a long cause in full on hover
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                setTooltip(empty || text == null || text.isEmpty() ? null : new Tooltip(text));
            }
        });
        var time = logColumn("Time", 150, LogRow::time);
        time.setMinWidth(145);
        var change = logColumn("Change", 205, LogRow::change);
        change.setMinWidth(200);
        log.getColumns().setAll(java.util.List.of(time, change, cause));
        log.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        log.setPlaceholder(new Label("No state changes yet."));

        var heading = new Label();
        heading.setId("connection-log-heading");
        heading.textProperty().bind(vm.selectedProperty().map(n -> "Log of " + n + " (newest first)").orElse("Log"));
        var copy = new Button("_Copy log");
        copy.setId("connection-log-copy");
        copy.setTooltip(new Tooltip("Copy the log as text (" + COPY.getDisplayText() + ")"));
        copy.setOnAction(e -> copyLog());
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var bar = new HBox(8, heading, spacer, copy);
        bar.setAlignment(Pos.CENTER_LEFT);
        var right = new VBox(6, bar, log);
        VBox.setVgrow(log, Priority.ALWAYS);

        var split = new SplitPane(list, right);
        split.setDividerPositions(0.44);
        setCenter(split);
        setPadding(new Insets(8));
        setOnKeyPressed(e -> {
            if (COPY.match(e)) {
                copyLog();
                e.consume();
            }
        });
    }

    /** Shows this connection's log. */
    public void select(String name) {
        vm.selectedProperty().set(name);
        reselect();
    }

    private void reselect() {
        String name = vm.selectedProperty().get();
        for (ConnectionSnapshot c : list.getItems()) {
            if (c.name().equals(name)) {
                list.getSelectionModel().select(c);
                return;
            }
        }
    }

    private void copyLog() {
        var content = new ClipboardContent();
        content.putString(vm.logText());
        Clipboard.getSystemClipboard().setContent(content);
    }

    private static TableColumn<ConnectionSnapshot, String> column(String title, double width,
                                                                  Function<ConnectionSnapshot, String> value) {
        var c = new TableColumn<ConnectionSnapshot, String>(title);
        c.setCellValueFactory(r -> new ReadOnlyObjectWrapper<>(value.apply(r.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private static TableColumn<LogRow, String> logColumn(String title, double width, Function<LogRow, String> value) {
        var c = new TableColumn<LogRow, String>(title);
        c.setCellValueFactory(r -> new ReadOnlyObjectWrapper<>(value.apply(r.getValue())));
        c.setPrefWidth(width);
        return c;
    }
}
