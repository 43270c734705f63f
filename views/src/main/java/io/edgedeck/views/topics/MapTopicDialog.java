package io.edgedeck.views.topics;

import io.edgedeck.db.DeviceKind;
import io.edgedeck.services.topics.ProposedFormat;
import io.edgedeck.views.shell.DialogStyle;
import javafx.event.ActionEvent;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.StringConverter;

import java.util.Locale;

/**
 * The "Map this topic to a device…" dialog over a {@link MapTopicViewModel}: pattern, device id, kind, format, what
 * each payload field is, a preview of what the last payload gives, and the rule. "Create rule" (Enter) saves and
 * applies it; the dialog stays open with the reason when that fails. Esc cancels.
 */
public final class MapTopicDialog extends Dialog<Boolean> {
    public MapTopicDialog(MapTopicViewModel vm, Window owner, Parent windowRoot) {
        setTitle("EdgeDeck — map a topic to a device");
        setHeaderText("Map " + vm.topic() + " to a device");
        if (owner != null) initOwner(owner);
        DialogStyle.adopt(getDialogPane(), windowRoot);
        getDialogPane().setId("map-topic-dialog");
        var create = new ButtonType("Create rule", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().setAll(create, ButtonType.CANCEL);

        var pattern = new TextField();
        pattern.setId("map-pattern");
        pattern.textProperty().bindBidirectional(vm.patternProperty());
        pattern.setPrefColumnCount(30);
        pattern.setTooltip(new Tooltip("{device_id} takes the device id from that level, so devices like it are "
                + "understood too; + matches any one level, a trailing # the rest"));
        var device = new TextField();
        device.setId("map-device");
        device.textProperty().bindBidirectional(vm.deviceIdProperty());
        device.editableProperty().bind(vm.deviceFromTopicProperty().not());
        var deviceHint = new Label();
        deviceHint.getStyleClass().add("muted");
        deviceHint.textProperty().bind(javafx.beans.binding.Bindings.when(vm.deviceFromTopicProperty())
                .then("from the topic's {device_id} level").otherwise("the same device for every matching topic"));
        var kind = new ChoiceBox<DeviceKind>();
        kind.setId("map-kind");
        kind.getItems().setAll(DeviceKind.PLUG, DeviceKind.SENSOR);
        kind.valueProperty().bindBidirectional(vm.kindProperty());
        kind.setConverter(new StringConverter<>() {
            @Override
            public String toString(DeviceKind k) {
                return k == null ? "" : k == DeviceKind.PLUG ? "Smart plug" : "Sensor";
            }

            @Override
            public DeviceKind fromString(String s) {
                return null;
            }
        });
        var format = new ChoiceBox<ProposedFormat>();
        format.setId("map-format");
        format.getItems().setAll(ProposedFormat.values());
        format.valueProperty().bindBidirectional(vm.formatProperty());

        var form = new GridPane();
        form.setHgap(10);
        form.setVgap(8);
        form.getColumnConstraints().addAll(new ColumnConstraints(), new ColumnConstraints());
        form.getColumnConstraints().get(1).setHgrow(Priority.ALWAYS);
        int row = 0;
        form.addRow(row++, label("_Topic pattern", pattern), pattern);
        form.addRow(row++, label("_Device id", device), device);
        form.add(deviceHint, 1, row++);
        form.addRow(row++, label("_Kind", kind), kind);
        form.addRow(row++, label("_Format", format), format);

        var fieldsTitle = new Label("What the payload holds");
        fieldsTitle.getStyleClass().add("dialog-title");
        var fieldGrid = new GridPane();
        fieldGrid.setId("map-fields");
        fieldGrid.setHgap(10);
        fieldGrid.setVgap(6);
        Runnable layoutFields = () -> {
            fieldGrid.getChildren().clear();
            if (vm.formatProperty().get() == ProposedFormat.PLAIN_VALUE) {
                var value = metricBox(vm.valueMetricProperty());
                value.setId("map-value-metric");
                fieldGrid.addRow(0, new Label("The value is"), value);
                return;
            }
            if (vm.fields().isEmpty()) {
                fieldGrid.add(new Label("No numeric fields found in the last payload."), 0, 0);
                return;
            }
            int r = 0;
            for (var f : vm.fields()) {
                var name = new Label(f.name());
                name.getStyleClass().add("monospace");
                var sample = new Label(f.sample());
                sample.getStyleClass().add("muted");
                var box = metricBox(f.metricProperty());
                box.setId("map-field-" + f.name());
                fieldGrid.addRow(r++, name, sample, box);
                GridPane.setHalignment(sample, HPos.RIGHT);
            }
        };
        vm.formatProperty().addListener((o, a, b) -> layoutFields.run());
        layoutFields.run();

        var preview = new Label();
        preview.setId("map-preview");
        preview.setWrapText(true);
        preview.textProperty().bind(vm.previewProperty());
        preview.getStyleClass().add("map-preview");
        var rule = new TextArea();
        rule.setId("map-rule");
        rule.setEditable(false);
        rule.setPrefRowCount(7);
        rule.getStyleClass().add("monospace");
        rule.textProperty().bind(vm.ruleJsonProperty());
        rule.setFocusTraversable(false);
        var error = new Label();
        error.setId("map-error");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        var where = new Label("Saved to the connection's mapping file (tried before the built-in formats); the "
                + "connection reconnects to apply it.");
        where.getStyleClass().add("muted");
        where.setWrapText(true);

        var previewTitle = new Label("From the last payload");
        previewTitle.getStyleClass().add("dialog-title");
        var content = new VBox(10, form, fieldsTitle, fieldGrid, previewTitle, preview, rule, error, where);
        content.setPadding(new Insets(4, 0, 0, 0));
        content.setPrefWidth(560);
        getDialogPane().setContent(content);

        Button ok = (Button) getDialogPane().lookupButton(create);
        ok.setId("map-create");
        ok.disableProperty().bind(vm.validProperty().not().or(vm.busyProperty()));
        ok.addEventFilter(ActionEvent.ACTION, e -> {
            if (!vm.doneProperty().get()) {
                e.consume(); // stays open until saved and applied
                vm.save(saved -> {
                    if (saved) {
                        setResult(true);
                        close();
                    }
                });
            }
        });
        setResultConverter(b -> b == create && vm.doneProperty().get());
        setOnShown(e -> pattern.requestFocus());
    }

    private static ComboBox<String> metricBox(javafx.beans.property.StringProperty value) {
        var box = new ComboBox<String>();
        box.getItems().setAll(MapTopicViewModel.METRIC_CHOICES);
        box.valueProperty().bindBidirectional(value);
        return box;
    }

    private static Label label(String text, javafx.scene.Node target) {
        var l = new Label(text);
        l.setMnemonicParsing(true);
        l.setLabelFor(target);
        return l;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
