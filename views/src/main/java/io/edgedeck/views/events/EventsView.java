package io.edgedeck.views.events;

import io.edgedeck.views.events.LoggedEvent.Severity;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.controlsfx.control.table.TableRowExpanderColumn;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;

/** The event log, newest first: time, severity, source and message; the row's expander shows its details. */
public final class EventsView extends BorderPane {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final TableView<LoggedEvent> table = new TableView<>();
    private final TableRowExpanderColumn<LoggedEvent> expander;

    public EventsView(EventLog log, ZoneId zone) {
        getStyleClass().add("events");
        var filtered = new FilteredList<>(log.events());
        var sorted = new SortedList<>(filtered, Comparator.comparing(LoggedEvent::time).reversed());

        var problemsOnly = new CheckBox("Warnings and errors only");
        problemsOnly.setId("events-problems-only");
        problemsOnly.setMnemonicParsing(false);
        problemsOnly.selectedProperty().addListener((o, a, b) ->
                filtered.setPredicate(b ? e -> e.severity() != Severity.INFO : null));
        var count = new Label();
        count.getStyleClass().add("count-label");
        count.setId("events-count");
        count.textProperty().bind(javafx.beans.binding.Bindings.size(sorted).asString("%,d events"));
        var clear = new Button("Clear");
        clear.setId("events-clear");
        clear.setTooltip(new Tooltip("Empty the event log (the log files keep everything)"));
        clear.setOnAction(e -> log.clear());
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var toolbar = new HBox(10, problemsOnly, spacer, count, clear);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.getStyleClass().add("screen-toolbar");
        setTop(toolbar);

        expander = new TableRowExpanderColumn<>(row -> details(row.getValue()));
        expander.setId("events-expander");
        var time = column("Time", 150, e -> TIME.format(e.time().atZone(zone)));
        var severity = column("Severity", 80, e -> e.severity().label());
        severity.setCellFactory(c -> new SeverityCell());
        var source = column("Source", 110, LoggedEvent::source);
        var message = column("Message", 520, LoggedEvent::message);
        table.getColumns().add(expander);
        table.getColumns().addAll(java.util.List.of(time, severity, source, message));
        table.setItems(sorted);
        table.setId("events-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("Nothing has happened yet: errors, connection changes, commands and flash "
                + "results appear here."));
        setCenter(table);
    }

    /** Opens the details of the newest event (the "Details" of an error notification). */
    public void expandNewest() {
        if (!table.getItems().isEmpty()) {
            LoggedEvent newest = table.getItems().getFirst();
            table.getSelectionModel().select(0);
            table.scrollTo(0);
            if (!newest.details().isEmpty()) {
                expander.toggleExpanded(0);
            }
            table.requestFocus();
        }
    }

    TableView<LoggedEvent> table() {
        return table;
    }

    private static VBox details(LoggedEvent e) {
        var text = new TextArea(e.details().isEmpty() ? e.message() : e.message() + "\n\n" + e.details());
        text.setEditable(false);
        text.setWrapText(true);
        text.setPrefRowCount(6);
        text.getStyleClass().add("monospace");
        var copy = new Button("Copy");
        copy.setTooltip(new Tooltip("Copy this event to the clipboard"));
        copy.setOnAction(a -> {
            var content = new ClipboardContent();
            content.putString(TIME.format(e.time().atZone(ZoneId.systemDefault())) + " " + e.severity().label()
                    + " " + e.source() + ": " + text.getText());
            Clipboard.getSystemClipboard().setContent(content);
        });
        var box = new VBox(6, text, copy);
        box.getStyleClass().add("event-details");
        return box;
    }

    private static TableColumn<LoggedEvent, String> column(String title, double width,
                                                           java.util.function.Function<LoggedEvent, String> value) {
        var c = new TableColumn<LoggedEvent, String>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(value.apply(cd.getValue())));
        return c;
    }

    private static final class SeverityCell extends TableCell<LoggedEvent, String> {
        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().removeAll("status-online", "status-stale", "status-offline");
            setText(empty ? null : item);
            if (!empty && item != null) {
                getStyleClass().add(item.equals(Severity.ERROR.label()) ? "status-offline"
                        : item.equals(Severity.WARNING.label()) ? "status-stale" : "status-online");
            }
        }
    }

}
