package io.edgedeck.views.alarms;

import io.edgedeck.db.AlertRule;
import io.edgedeck.db.DeviceKind;
import io.edgedeck.db.Metric;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.util.Arrays;
import io.edgedeck.views.fleet.DeviceModel;
import io.edgedeck.views.fleet.PresenceCells;

import java.util.Optional;
import java.util.function.Function;

/** The Alarms screen: binds only. Active alarms, history, the Acknowledge button (Ctrl+K), the rule editor. */
public final class AlarmsView extends SplitPane {
    private static final PseudoClass UNACKNOWLEDGED = PseudoClass.getPseudoClass("unacknowledged");

    public AlarmsView(AlarmsViewModel vm) {
        this(vm, id -> Optional.empty());
    }

    /** @param devices the live device behind an alarm's device id: its cell's tooltip says when it was last heard */
    public AlarmsView(AlarmsViewModel vm, Function<String, Optional<DeviceModel>> devices) {
        getStyleClass().add("alarms-view");

        var activeTable = alarmTable("alarms-active", vm, false, devices);
        activeTable.setItems(vm.activeAlarms());
        activeTable.setPlaceholder(new Label("No active alarms"));
        var historyTable = alarmTable("alarms-history", vm, true, devices);
        historyTable.setItems(vm.historyAlarms());
        historyTable.setPlaceholder(new Label("No cleared alarms yet"));
        activeTable.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                historyTable.getSelectionModel().clearSelection();
                vm.selectedProperty().set(b);
            }
        });
        historyTable.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                activeTable.getSelectionModel().clearSelection();
                vm.selectedProperty().set(b);
            }
        });

        var ack = new Button("Acknowledge");
        ack.setId("alarms-acknowledge");
        ack.setTooltip(new Tooltip("Acknowledge the selected alarm, or the first unacknowledged one (Ctrl+K)"));
        ack.disableProperty().bind(vm.ackRefusalProperty().isNotEmpty());
        ack.setOnAction(e -> vm.acknowledge());
        var why = new Label();
        why.setId("alarms-ack-refusal");
        why.getStyleClass().add("muted");
        why.textProperty().bind(vm.ackRefusalProperty());
        var message = new Label();
        message.setId("alarms-message");
        message.textProperty().bind(vm.messageProperty());
        var actions = new HBox(10, ack, why);

        var left = new VBox(8, heading("Active alarms"), activeTable, actions, message, heading("History"), historyTable);
        left.setPadding(new Insets(10));
        VBox.setVgrow(activeTable, Priority.ALWAYS);
        VBox.setVgrow(historyTable, Priority.ALWAYS);

        getItems().addAll(left, ruleEditor(vm));
        setDividerPositions(0.62);
    }

    private static Label heading(String text) {
        var l = new Label(text);
        l.getStyleClass().add("section-heading");
        return l;
    }

    private static TableView<AlarmRow> alarmTable(String id, AlarmsViewModel vm, boolean withCleared,
                                                  Function<String, Optional<DeviceModel>> devices) {
        var t = new TableView<AlarmRow>();
        t.setId(id);
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        var device = column("Device", AlarmRow::device, 120);
        device.setCellFactory(c -> PresenceCells.tableCell(devices));
        t.getColumns().add(device);
        t.getColumns().add(column("Rule", AlarmRow::rule, 120));
        t.getColumns().add(column("What", AlarmRow::message, 260));
        t.getColumns().add(column("Raised", AlarmRow::raised, 140));
        if (withCleared) {
            t.getColumns().add(column("Cleared", AlarmRow::cleared, 140));
        }
        t.getColumns().add(column("Peak", AlarmRow::peak, 70));
        t.getColumns().add(column("Acknowledged", r -> r.unacknowledged() ? "not yet" : r.acknowledged(), 160));
        t.setRowFactory(tv -> new TableRow<>() {
            @Override
            protected void updateItem(AlarmRow item, boolean empty) {
                super.updateItem(item, empty);
                pseudoClassStateChanged(UNACKNOWLEDGED, !empty && item != null && item.unacknowledged());
            }
        });
        return t;
    }

    private static <T> TableColumn<T, String> column(String title, Function<T, String> value, double width) {
        var c = new TableColumn<T, String>(title);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(value.apply(cd.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private static VBox ruleEditor(AlarmsViewModel vm) {
        var table = new TableView<AlertRule>(vm.rules());
        table.setId("alarms-rules");
        table.setPlaceholder(new Label("No rules: add one below"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Rule", AlertRule::name, 110));
        table.getColumns().add(column("Condition", AlertRule::condition, 220));
        table.getColumns().add(column("Watches", r -> r.scope() + (r.enabled() ? "" : " (off)"), 100));
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.selectedRuleProperty().set(b);
            }
        });
        vm.selectedRuleProperty().addListener((o, a, b) -> {
            if (b == null) {
                table.getSelectionModel().clearSelection();
            }
        });

        RuleForm f = vm.form();
        var name = field("rule-name", "Over-power");
        name.textProperty().bindBidirectional(f.nameProperty());
        var type = new ChoiceBox<AlertRule.Type>();
        type.setId("rule-type");
        type.getItems().addAll(AlertRule.Type.values());
        type.setConverter(converter(t -> t == AlertRule.Type.OFFLINE ? "device offline" : "value past a threshold"));
        type.valueProperty().bindBidirectional(f.typeProperty());
        var device = field("rule-device", "empty: every device of the kind");
        device.textProperty().bindBidirectional(f.deviceProperty());
        var kind = new ChoiceBox<DeviceKind>();
        kind.setId("rule-kind");
        kind.getItems().add(null);
        kind.getItems().addAll(DeviceKind.values());
        kind.setConverter(nullableConverter(RuleForm::kindLabel));
        kind.valueProperty().bindBidirectional(f.kindProperty());
        kind.disableProperty().bind(f.deviceProperty().isNotEmpty());
        var metric = new ChoiceBox<Metric>();
        metric.setId("rule-metric");
        metric.getItems().addAll(Arrays.stream(Metric.values()).filter(m -> m != Metric.RELAY).toList());
        metric.setConverter(converter(m -> m.key() + (m.unit().isEmpty() ? "" : " (" + m.unit() + ")")));
        metric.valueProperty().bindBidirectional(f.metricProperty());
        var direction = new ChoiceBox<AlertRule.Direction>();
        direction.setId("rule-direction");
        direction.getItems().addAll(AlertRule.Direction.values());
        direction.setConverter(converter(d -> d == AlertRule.Direction.ABOVE ? "above" : "below"));
        direction.valueProperty().bindBidirectional(f.directionProperty());
        var threshold = field("rule-threshold", "2000");
        threshold.textProperty().bindBidirectional(f.thresholdProperty());
        var clear = field("rule-clear", "empty: the threshold");
        clear.textProperty().bindBidirectional(f.clearThresholdProperty());
        var duration = field("rule-duration", "10 s, 5 min (offline: required)");
        duration.textProperty().bindBidirectional(f.durationProperty());
        var enabled = new CheckBox("enabled");
        enabled.setId("rule-enabled");
        enabled.selectedProperty().bindBidirectional(f.enabledProperty());
        var offline = f.typeProperty().isEqualTo(AlertRule.Type.OFFLINE);
        metric.disableProperty().bind(offline);
        direction.disableProperty().bind(offline);
        threshold.disableProperty().bind(offline);
        clear.disableProperty().bind(offline);

        var grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        int row = 0;
        grid.addRow(row++, new Label("Name"), name);
        grid.addRow(row++, new Label("Raise when"), type);
        grid.addRow(row++, new Label("Device"), device);
        grid.addRow(row++, new Label("or every"), kind);
        grid.addRow(row++, new Label("Field"), metric);
        grid.addRow(row++, new Label("is"), direction);
        grid.addRow(row++, new Label("Threshold"), threshold);
        grid.addRow(row++, new Label("Clears past"), clear);
        grid.addRow(row++, new Label("For at least"), duration);
        grid.addRow(row, new Label(""), enabled);

        var error = new Label();
        error.setId("alarms-rule-error");
        error.getStyleClass().add("status-problem");
        error.setWrapText(true);
        error.textProperty().bind(vm.ruleErrorProperty());

        var add = new Button("New");
        add.setId("rule-new");
        add.setOnAction(e -> vm.newRule());
        var save = new Button("Save");
        save.setId("rule-save");
        save.setDefaultButton(false);
        save.setOnAction(e -> vm.saveRule());
        var delete = new Button("Delete");
        delete.setId("rule-delete");
        delete.disableProperty().bind(vm.selectedRuleProperty().isNull());
        delete.setOnAction(e -> vm.deleteRule());

        var box = new VBox(8, heading("Rules"), table, grid, new HBox(8, add, save, delete), error);
        box.setPadding(new Insets(10));
        VBox.setVgrow(table, Priority.ALWAYS);
        return box;
    }

    private static TextField field(String id, String prompt) {
        var t = new TextField();
        t.setId(id);
        t.setPromptText(prompt);
        return t;
    }

    private static <T> StringConverter<T> converter(Function<T, String> text) {
        return nullableConverter(t -> t == null ? "" : text.apply(t));
    }

    private static <T> StringConverter<T> nullableConverter(Function<T, String> text) {
        return new StringConverter<>() {
            @Override
            public String toString(T t) {
                return text.apply(t);
            }

            @Override
            public T fromString(String s) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
