package io.edgedeck.views.quarantine;

import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.beans.property.SimpleStringProperty;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import java.util.List;
import java.util.function.Function;

/** The Quarantine screen: a table of messages that could not be decoded, with the selected payload as text and hex. */
public final class QuarantineView extends BorderPane {
    public QuarantineView(QuarantineViewModel vm) {
        getStyleClass().add("quarantine");
        var refresh = new Button("Refresh");
        refresh.setId("quarantine-refresh");
        refresh.setOnAction(e -> vm.refresh());
        refresh.setTooltip(new javafx.scene.control.Tooltip("Read the quarantined messages again from the database"));
        var progress = new ProgressIndicator();
        progress.setMaxSize(18, 18);
        progress.visibleProperty().bind(vm.loadingProperty());
        var message = new Label();
        message.getStyleClass().add("muted");
        message.textProperty().bind(vm.messageProperty());
        var count = new Label();
        count.setId("quarantine-count");
        count.getStyleClass().add("count-label");
        count.textProperty().bind(vm.countProperty().asString("%,d quarantined"));
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var toolbar = new HBox(10, refresh, progress, message, spacer, count);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.getStyleClass().add("screen-toolbar");
        setTop(toolbar);

        var table = new TableView<QuarantineRow>(vm.rows());
        table.setId("quarantine-table");
        table.getColumns().setAll(List.of(
                column("Received", 150, QuarantineRow::time),
                column("Topic", 220, QuarantineRow::topic),
                column("Reason", 260, QuarantineRow::reason),
                column("Payload (text)", 260, QuarantineRow::text),
                column("Payload (hex)", 260, QuarantineRow::hex)));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No quarantined messages. Messages that cannot be decoded show up here."));
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> vm.selectedProperty().set(b));
        vm.selectedProperty().addListener((o, a, b) -> {
            if (b != table.getSelectionModel().getSelectedItem()) {
                table.getSelectionModel().select(b);
            }
        });

        var text = new TextArea();
        text.setId("quarantine-detail-text");
        text.setEditable(false);
        text.setWrapText(true);
        text.textProperty().bind(vm.detailTextProperty());
        text.setPromptText("Select a message above to see its payload.");
        var hex = new TextArea();
        hex.setId("quarantine-detail-hex");
        hex.setEditable(false);
        hex.getStyleClass().add("monospace");
        hex.textProperty().bind(vm.detailHexProperty());
        hex.setPromptText("Select a message above to see its payload as a hex dump.");
        var details = new TabPane(new Tab("Payload as text", text), new Tab("Hex dump", hex));
        details.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        details.getStyleClass().add("detail-tabs");

        var split = new SplitPane(table, details);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.62);
        setCenter(split);
    }

    private static TableColumn<QuarantineRow, String> column(String title, double width, Function<QuarantineRow, String> value) {
        var c = new TableColumn<QuarantineRow, String>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(f -> new SimpleStringProperty(value.apply(f.getValue())));
        return c;
    }
}
