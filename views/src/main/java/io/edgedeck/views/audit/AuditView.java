package io.edgedeck.views.audit;

import io.edgedeck.db.AuditAction;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.transformation.SortedList;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

import java.io.File;
import java.util.List;
import java.util.function.Function;

/** The Audit screen: filters, Verify chain and Export CSV over a table of entries. Binds only. */
public final class AuditView extends BorderPane {
    private static final PseudoClass INTACT = PseudoClass.getPseudoClass("intact");
    private static final PseudoClass BROKEN = PseudoClass.getPseudoClass("broken");

    public AuditView(AuditViewModel vm) {
        getStyleClass().add("audit");

        var operator = new TextField();
        operator.setId("audit-operator");
        operator.setPromptText("Operator");
        operator.setPrefColumnCount(10);
        operator.textProperty().bindBidirectional(vm.operatorFilterProperty());
        operator.setOnAction(e -> vm.refresh());
        var device = new TextField();
        device.setId("audit-device");
        device.setPromptText("Device");
        device.setPrefColumnCount(10);
        device.textProperty().bindBidirectional(vm.deviceFilterProperty());
        device.setOnAction(e -> vm.refresh());
        var action = new ComboBox<AuditAction>();
        action.setId("audit-action");
        action.getItems().add(null);
        action.getItems().addAll(vm.actionChoices());
        action.setConverter(new StringConverter<>() {
            @Override
            public String toString(AuditAction a) {
                return a == null ? "Every action" : a.wireName();
            }

            @Override
            public AuditAction fromString(String s) {
                return null;
            }
        });
        action.valueProperty().bindBidirectional(vm.actionFilterProperty());
        var since = new DatePicker();
        since.setId("audit-since");
        since.setPromptText("Since (date)");
        since.setPrefWidth(140);
        since.valueProperty().bindBidirectional(vm.sinceFilterProperty());
        var apply = new Button("Apply");
        apply.setId("audit-apply");
        apply.setDefaultButton(false);
        apply.setOnAction(e -> vm.refresh());
        apply.setTooltip(new Tooltip("Read the log with these filters (Enter in a field does the same)"));
        var clear = new Button("Clear");
        clear.setId("audit-clear");
        clear.setOnAction(e -> vm.clearFilters());
        clear.setTooltip(new Tooltip("Remove every filter"));
        var progress = new ProgressIndicator();
        progress.setMaxSize(18, 18);
        progress.visibleProperty().bind(vm.loadingProperty());

        var verify = new Button("Verify chain");
        verify.setId("audit-verify");
        verify.setTooltip(new Tooltip("Check that no entry was altered, removed or cut off since it was written"));
        verify.setOnAction(e -> vm.verify());
        verify.disableProperty().bind(vm.chainStateProperty().isEqualTo(AuditViewModel.ChainState.CHECKING));
        var export = new Button("Export CSV…");
        export.setId("audit-export");
        export.setOnAction(e -> {
            var chooser = new FileChooser();
            chooser.setTitle("Export the audit log");
            chooser.setInitialFileName("edgedeck-audit.csv");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
            File f = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
            if (f != null) {
                vm.exportCsv(f.toPath());
            }
        });

        var filters = new HBox(8, label("Operator", operator), operator, label("Device", device), device,
                label("Action", action), action, label("Since", since), since, apply, clear, progress);
        filters.setAlignment(Pos.CENTER_LEFT);
        filters.getStyleClass().add("screen-toolbar");

        var chain = new Label();
        chain.setId("audit-chain");
        chain.getStyleClass().add("audit-chain");
        chain.setWrapText(true);
        chain.textProperty().bind(vm.chainTextProperty());
        vm.chainStateProperty().addListener((o, a, b) -> {
            chain.pseudoClassStateChanged(INTACT, b == AuditViewModel.ChainState.INTACT);
            chain.pseudoClassStateChanged(BROKEN, b == AuditViewModel.ChainState.BROKEN
                    || b == AuditViewModel.ChainState.FAILED);
        });
        var message = new Label();
        message.setId("audit-message");
        message.getStyleClass().add("count-label");
        message.textProperty().bind(vm.messageProperty());
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox.setHgrow(chain, Priority.SOMETIMES);
        var actions = new HBox(10, verify, chain, spacer, message, export);
        actions.setAlignment(Pos.CENTER_LEFT);
        actions.getStyleClass().add("screen-toolbar");
        var top = new VBox(filters, actions);
        top.disableProperty().bind(vm.allowedProperty().not());
        setTop(top);

        var table = new TableView<AuditRow>();
        var sorted = new SortedList<>(vm.rows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setId("audit-table");
        var seq = column("#", 60, r -> Long.toString(r.seq()));
        seq.setComparator(java.util.Comparator.comparingLong(Long::parseLong));
        table.getColumns().setAll(List.of(seq,
                column("Time", 150, AuditRow::time),
                column("Operator", 110, AuditRow::operator),
                column("Action", 170, AuditRow::action),
                column("Device", 120, AuditRow::device),
                column("Outcome", 90, AuditRow::outcome),
                column("Detail", 420, AuditRow::detail)));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No audit entries match."));
        table.visibleProperty().bind(vm.allowedProperty());

        var refusal = new Label();
        refusal.setId("audit-refusal");
        refusal.getStyleClass().add("placeholder");
        refusal.textProperty().bind(vm.refusalProperty());
        refusal.visibleProperty().bind(vm.allowedProperty().not());
        setCenter(new StackPane(table, refusal));
    }

    private static Label label(String text, javafx.scene.Node forNode) {
        var l = new Label(text);
        l.setLabelFor(forNode);
        return l;
    }

    private static TableColumn<AuditRow, String> column(String title, double width, Function<AuditRow, String> value) {
        var c = new TableColumn<AuditRow, String>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(f -> new SimpleStringProperty(value.apply(f.getValue())));
        return c;
    }
}
