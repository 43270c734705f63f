package io.edgedeck.views.operators;

import io.edgedeck.db.Operator;
import io.edgedeck.db.Role;
import io.edgedeck.views.common.Formats;
import javafx.beans.binding.Bindings;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.function.Function;

/** The Operators screen: the table and the Admin's actions. Binds only; the add form is a small dialog. */
public final class OperatorsView extends BorderPane {
    private final OperatorsViewModel vm;
    private final TableView<Operator> table = new TableView<>();

    public OperatorsView(OperatorsViewModel vm) {
        this.vm = vm;
        getStyleClass().add("operators");

        var add = new Button("Add operator…");
        add.setId("operators-add");
        add.setOnAction(e -> showAddDialog());
        add.setTooltip(new Tooltip("Register a colleague: a key made here with their passphrase, or their public key (Admin)"));
        var role = new ComboBox<Role>();
        role.setId("operators-role");
        role.getItems().setAll(vm.roles());
        role.setPromptText("Role");
        role.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Role r) {
                return r == null ? "" : r.title();
            }

            @Override
            public Role fromString(String s) {
                return null;
            }
        });
        var applyRole = new Button("Change role");
        applyRole.setId("operators-change-role");
        applyRole.setOnAction(e -> vm.changeRole(selected(), role.getValue()));
        applyRole.setTooltip(new Tooltip("Give the selected operator the role chosen on the left (Admin)"));
        var disable = new Button("Disable");
        disable.setId("operators-disable");
        disable.setTooltip(new Tooltip("Disabled operators stay in the list and the audit log, but can do nothing"));
        disable.setOnAction(e -> vm.disable(selected()));
        var export = new Button("Export public key…");
        export.setId("operators-export");
        export.setOnAction(e -> exportKey());
        export.setTooltip(new Tooltip("Save the selected operator's public key as PEM, to install on devices"));
        var copy = new Button("Copy key id");
        copy.setId("operators-copy-kid");
        copy.setTooltip(new Tooltip("Copy the key id (the kid of their signed commands) to the clipboard"));
        copy.setOnAction(e -> {
            Operator o = selected();
            if (o != null) {
                var content = new ClipboardContent();
                content.putString(o.keyId());
                Clipboard.getSystemClipboard().setContent(content);
                vm.keyIdCopied(o);
            }
        });

        var noSelection = table.getSelectionModel().selectedItemProperty().isNull();
        var readOnly = vm.canManageProperty().not().or(vm.busyProperty());
        add.disableProperty().bind(readOnly);
        role.disableProperty().bind(readOnly.or(noSelection));
        applyRole.disableProperty().bind(readOnly.or(noSelection).or(role.valueProperty().isNull()));
        disable.disableProperty().bind(readOnly.or(noSelection));
        export.disableProperty().bind(noSelection);
        copy.disableProperty().bind(noSelection);
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> role.setValue(b == null ? null : b.role()));

        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var working = new javafx.scene.control.ProgressIndicator();
        working.setId("operators-busy");
        working.setMaxSize(18, 18);
        working.visibleProperty().bind(vm.busyProperty());
        working.managedProperty().bind(working.visibleProperty());
        var selected = new Label("Selected:");
        selected.setLabelFor(role);
        var toolbar = new HBox(8, add, working, selected, role, applyRole, disable, spacer, export, copy);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.getStyleClass().add("screen-toolbar");

        var hint = new Label();
        hint.setId("operators-hint");
        hint.getStyleClass().add("muted");
        hint.textProperty().bind(vm.hintProperty());
        hint.visibleProperty().bind(vm.hintProperty().isNotEmpty());
        hint.managedProperty().bind(hint.visibleProperty());
        var message = new Label();
        message.setId("operators-message");
        message.textProperty().bind(Bindings.when(vm.errorProperty().isNotEmpty()).then(vm.errorProperty())
                .otherwise(vm.messageProperty()));
        vm.errorProperty().addListener((o, a, b) -> message.pseudoClassStateChanged(
                javafx.css.PseudoClass.getPseudoClass("error"), !b.isEmpty()));
        message.getStyleClass().add("operators-message");
        message.setWrapText(true);
        var notes = new VBox(4, hint, message);
        notes.setPadding(new Insets(0, 14, 8, 14));
        setTop(new VBox(toolbar, notes));

        table.setId("operators-table");
        table.setAccessibleText("Operators");
        table.setItems(vm.rows());
        table.getColumns().setAll(List.of(
                column("Name", 140, Operator::name),
                column("Role", 110, o -> o.role().title()),
                column("Key id", 380, Operator::keyId),
                column("Created", 160, o -> Formats.dateTime(o.createdAt())),
                column("Disabled", 90, o -> o.disabled() ? "disabled" : "")));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No operators yet. The first one is created at sign-in (Ctrl+L)."));
        setCenter(table);
    }

    private Operator selected() {
        return table.getSelectionModel().getSelectedItem();
    }

    private void exportKey() {
        Operator o = selected();
        if (o == null) {
            return;
        }
        var chooser = new FileChooser();
        chooser.setTitle("Export the public key of " + o.name());
        chooser.setInitialFileName(o.name().replaceAll("[^A-Za-z0-9._-]", "_") + ".pub.pem");
        File f = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (f != null) {
            vm.exportPublicKey(o, f.toPath());
        }
    }

    /** The add form: name, role, and either a key made here (passphrase twice) or their public key PEM. */
    void showAddDialog() {
        var dialog = new Dialog<ButtonType>();
        dialog.setTitle("Add an operator");
        if (getScene() != null) {
            dialog.initOwner(getScene().getWindow());
        }
        var addType = new ButtonType("Add", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(addType, ButtonType.CANCEL);
        dialog.getDialogPane().setId("add-operator-dialog");

        var name = new TextField();
        name.setId("add-operator-name");
        var role = new ComboBox<Role>();
        role.setId("add-operator-role");
        role.getItems().setAll(vm.roles());
        role.setValue(Role.TECHNICIAN);
        var generate = new RadioButton("Generate a key on this console (they type their passphrase)");
        generate.setId("add-operator-generate");
        var importKey = new RadioButton("Import their public key (PEM)");
        importKey.setId("add-operator-import");
        var group = new ToggleGroup();
        generate.setToggleGroup(group);
        importKey.setToggleGroup(group);
        generate.setSelected(true);
        var pass = new PasswordField();
        pass.setId("add-operator-passphrase");
        pass.setPromptText("At least 8 characters");
        var repeat = new PasswordField();
        repeat.setId("add-operator-repeat");
        repeat.setPromptText("The same again");
        var pem = new TextArea();
        pem.setId("add-operator-pem");
        pem.setPromptText("-----BEGIN PUBLIC KEY-----\n…\n-----END PUBLIC KEY-----");
        pem.setPrefRowCount(5);
        pem.getStyleClass().add("monospace");
        var open = new Button("Open file…");
        open.setOnAction(e -> {
            var chooser = new FileChooser();
            chooser.setTitle("Open a public key (PEM)");
            File f = chooser.showOpenDialog(dialog.getDialogPane().getScene().getWindow());
            if (f != null) {
                try {
                    pem.setText(Files.readString(f.toPath(), StandardCharsets.US_ASCII));
                } catch (IOException ex) {
                    pem.setText("");
                    pem.setPromptText("Could not read " + f + ": " + ex.getMessage());
                }
            }
        });
        pass.disableProperty().bind(importKey.selectedProperty());
        repeat.disableProperty().bind(importKey.selectedProperty());
        pem.disableProperty().bind(generate.selectedProperty());
        open.disableProperty().bind(generate.selectedProperty());

        var grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.addRow(0, new Label("Name"), name);
        grid.addRow(1, new Label("Role"), role);
        grid.add(generate, 0, 2, 2, 1);
        grid.addRow(3, new Label("Passphrase"), pass);
        grid.addRow(4, new Label("Repeat"), repeat);
        grid.add(importKey, 0, 5, 2, 1);
        grid.add(pem, 0, 6, 2, 1);
        grid.add(open, 1, 7);
        var error = new Label();
        error.getStyleClass().add("form-error");
        error.setWrapText(true);
        error.setMaxWidth(460);
        error.textProperty().bind(vm.errorProperty());
        var box = new VBox(10, grid, error);
        box.setPrefWidth(480);
        dialog.getDialogPane().setContent(box);
        dialog.getDialogPane().lookupButton(addType).addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            boolean started = generate.isSelected()
                    ? vm.addWithNewKey(name.getText(), role.getValue(), pass.getText(), repeat.getText())
                    : vm.addWithPublicKey(name.getText(), role.getValue(), pem.getText());
            pass.clear();
            repeat.clear();
            if (!started) {
                e.consume(); // stays open with the problem shown
            }
        });
        dialog.setOnShown(e -> name.requestFocus());
        dialog.show();
    }

    private static TableColumn<Operator, String> column(String title, double width, Function<Operator, String> value) {
        var c = new TableColumn<Operator, String>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(f -> new SimpleStringProperty(value.apply(f.getValue())));
        return c;
    }
}
