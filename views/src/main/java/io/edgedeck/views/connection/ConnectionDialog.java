package io.edgedeck.views.connection;

import io.edgedeck.link.mqtt.MqttVersion;
import io.edgedeck.services.profiles.BrokerPreset;
import io.edgedeck.services.profiles.ConnectionProfile;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;

/**
 * The connection dialog over a {@link ConnectionViewModel}: saved profiles on the left (the demo fleet first), the
 * selected one's fields on the right with a message under each wrong one, a preset picker, "Test connection", and
 * Save / Connect / Close. Binds only.
 */
public final class ConnectionDialog extends Dialog<Void> {
    /** The key under which a composite row names the control its label is for. */
    private static final String LABELLED = "edgedeck.labelled";

    public static final ButtonType CONNECT = new ButtonType("Connect", ButtonBar.ButtonData.OK_DONE);
    public static final ButtonType SAVE = new ButtonType("Save", ButtonBar.ButtonData.APPLY);
    public static final ButtonType CONNECT_ALSO = new ButtonType("Connect as well", ButtonBar.ButtonData.OTHER);
    public static final ButtonType DISCONNECT = new ButtonType("Disconnect", ButtonBar.ButtonData.OTHER);

    private final ConnectionViewModel vm;
    private final GridPane form = new GridPane();
    private int row;

    public ConnectionDialog(ConnectionViewModel vm, Window owner) {
        this.vm = vm;
        setTitle("EdgeDeck — connections");
        setHeaderText("Connection profiles");
        if (owner != null) initOwner(owner);
        setResizable(true);
        getDialogPane().setId("connection-dialog");
        getDialogPane().getButtonTypes().setAll(SAVE, CONNECT, ButtonType.CLOSE);
        if (vm.severalProperty().get()) {
            getDialogPane().getButtonTypes().addAll(CONNECT_ALSO, DISCONNECT);
        }

        var list = new ListView<>(vm.profiles());
        list.setId("connection-profiles");
        list.setAccessibleText("Connection profiles");
        list.setPrefWidth(220);
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(ConnectionProfile p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : p.name());
            }
        });
        vm.selectedProperty().addListener((o, a, b) -> {
            if (b != list.getSelectionModel().getSelectedItem()) list.getSelectionModel().select(b);
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null && b != vm.selectedProperty().get()) vm.selectedProperty().set(b);
        });
        var add = new Button("New");
        add.setId("connection-new");
        add.setOnAction(e -> {
            list.getSelectionModel().clearSelection();
            vm.newProfile();
        });
        var delete = new Button("Delete");
        delete.setId("connection-delete");
        delete.disableProperty().bind(vm.editableProperty().not());
        delete.setOnAction(e -> vm.delete());
        var left = new VBox(6, list, new HBox(6, add, delete));
        VBox.setVgrow(list, Priority.ALWAYS);

        form.setHgap(8);
        form.setVgap(2);
        var presets = new ComboBox<BrokerPreset>();
        presets.setId("connection-preset");
        presets.getItems().setAll(BrokerPreset.values());
        presets.setPromptText("Fill in for…");
        presets.valueProperty().bindBidirectional(vm.presetProperty());
        var version = new ComboBox<MqttVersion>();
        version.setId("connection-mqtt");
        version.getItems().setAll(MqttVersion.V5, MqttVersion.V3_1_1);
        version.valueProperty().bindBidirectional(vm.mqttVersionProperty());
        var tls = check("connection-tls", "TLS (MQTT over TLS 1.2/1.3)", vm.tlsProperty().get());
        tls.selectedProperty().bindBidirectional(vm.tlsProperty());
        var systemCas = check("connection-system-cas", "also trust the system's CAs", false);
        systemCas.selectedProperty().bindBidirectional(vm.trustSystemCasProperty());
        var hostCheck = check("connection-hostname-check", "check the broker's name against its certificate", true);
        hostCheck.selectedProperty().bindBidirectional(vm.verifyHostnameProperty());
        var hostWarning = new Label("Insecure: anyone with a certificate from a trusted CA can pose as the broker.");
        hostWarning.getStyleClass().add("field-error");
        hostWarning.visibleProperty().bind(hostCheck.selectedProperty().not().and(vm.tlsProperty()));
        hostWarning.managedProperty().bind(hostWarning.visibleProperty());

        addRow("Preset", presets, null);
        var hint = new Label();
        hint.setWrapText(true);
        hint.setMaxWidth(460);
        hint.textProperty().bind(vm.presetHintProperty());
        hint.visibleProperty().bind(vm.presetHintProperty().isNotEmpty());
        hint.managedProperty().bind(hint.visibleProperty());
        form.add(hint, 1, row++);
        addRow("Name", text("connection-name", vm.nameProperty(), "e.g. Shop floor"), ProfileField.NAME);
        addRow("Host", text("connection-host", vm.hostProperty(), "broker.local"), ProfileField.HOST);
        addRow("Port", text("connection-port", vm.portProperty(), "1883"), ProfileField.PORT);
        addRow("", tls, null);
        addRow("MQTT", version, null);
        addRow("Client id", text("connection-client-id", vm.clientIdProperty(), vm.defaultClientId()), ProfileField.CLIENT_ID);
        addRow("Keep-alive (s)", text("connection-keep-alive", vm.keepAliveProperty(), "30"), ProfileField.KEEP_ALIVE);
        addRow("User name", text("connection-username", vm.usernameProperty(), "optional"), ProfileField.USERNAME);
        addRow("Password", secret("connection-password", vm.passwordProperty()), ProfileField.PASSWORD);
        addRow("CA file", file("connection-ca", vm.caFileProperty(), "system's trusted CAs"), ProfileField.CA_FILE);
        addRow("", systemCas, null);
        addRow("Client certificate", file("connection-cert", vm.certFileProperty(), "none (PEM, or .p12/.pfx)"), ProfileField.CERT_FILE);
        addRow("Client key", file("connection-key", vm.keyFileProperty(), "PEM; empty for .p12 or a combined PEM"), ProfileField.KEY_FILE);
        addRow("Key passphrase", secret("connection-key-passphrase", vm.keyPassphraseProperty()), ProfileField.KEY_PASSPHRASE);
        addRow("", hostCheck, null);
        form.add(hostWarning, 1, row++);
        addRow("Topic mapping", file("connection-mapping", vm.mappingFileProperty(), "built-in topics only"), ProfileField.MAPPING_FILE);
        form.disableProperty().bind(vm.editableProperty().not());

        var test = new Button("Test connection");
        test.setId("connection-test");
        test.disableProperty().bind(vm.testingProperty().or(vm.editableProperty().not()));
        test.setOnAction(e -> vm.testConnection());
        var spinner = new ProgressIndicator();
        spinner.setPrefSize(18, 18);
        spinner.visibleProperty().bind(vm.testingProperty());
        var result = new Label();
        result.setId("connection-test-result");
        result.setWrapText(true);
        result.setMaxWidth(460);
        result.textProperty().bind(vm.testResultProperty());
        var message = new Label();
        message.setId("connection-message");
        message.textProperty().bind(vm.messageProperty());
        var right = new VBox(8, form, new HBox(8, test, spinner), result, message);

        var content = new HBox(12, left, right);
        content.setPadding(new Insets(8));
        getDialogPane().setContent(content);

        // Save and Connect keep the dialog open when a field is wrong
        ((Button) getDialogPane().lookupButton(SAVE)).addEventFilter(ActionEvent.ACTION, e -> {
            vm.save();
            e.consume();
        });
        ((Button) getDialogPane().lookupButton(CONNECT)).addEventFilter(ActionEvent.ACTION, e -> {
            if (!vm.connect()) e.consume();
        });
        if (vm.severalProperty().get()) {
            var also = (Button) getDialogPane().lookupButton(CONNECT_ALSO);
            also.setId("connection-connect-also");
            also.setTooltip(new Tooltip("Keep the connections that are up and connect this profile too"));
            also.disableProperty().bind(vm.selectedLiveProperty());
            also.addEventFilter(ActionEvent.ACTION, e -> {
                vm.connectAlso();
                e.consume();
            });
            var disconnect = (Button) getDialogPane().lookupButton(DISCONNECT);
            disconnect.setId("connection-disconnect");
            disconnect.setTooltip(new Tooltip("Take this connection down (the primary one is replaced by Connect)"));
            disconnect.disableProperty().bind(vm.selectedLiveProperty().not());
            disconnect.addEventFilter(ActionEvent.ACTION, e -> {
                vm.disconnect();
                e.consume();
            });
        }
        setResultConverter(b -> null);
    }

    private void addRow(String label, Node field, ProfileField errorOf) {
        var l = new Label(label);
        // a file row is a text field and its "…" button: the label names the text field
        l.setLabelFor(field.getProperties().get(LABELLED) instanceof Node n ? n : field);
        form.add(l, 0, row);
        form.add(field, 1, row++);
        GridPane.setHgrow(field, Priority.ALWAYS);
        if (errorOf != null) {
            var error = new Label();
            error.setId("error-" + errorOf.name().toLowerCase().replace('_', '-'));
            error.getStyleClass().add("field-error");
            error.setStyle("-fx-text-fill: #c62828;");
            error.textProperty().bind(vm.errorProperty(errorOf));
            error.visibleProperty().bind(vm.errorProperty(errorOf).isNotEmpty());
            error.managedProperty().bind(error.visibleProperty());
            form.add(error, 1, row++);
        }
    }

    private static TextField text(String id, javafx.beans.property.StringProperty p, String prompt) {
        var t = new TextField();
        return bind(t, id, p, prompt);
    }

    private static PasswordField secret(String id, javafx.beans.property.StringProperty p) {
        var t = new PasswordField();
        bind(t, id, p, "optional; stored encrypted");
        return t;
    }

    private static <T extends TextField> T bind(T t, String id, javafx.beans.property.StringProperty p, String prompt) {
        t.setId(id);
        t.setPromptText(prompt);
        t.textProperty().bindBidirectional(p);
        t.setPrefColumnCount(28);
        return t;
    }

    private Node file(String id, javafx.beans.property.StringProperty p, String prompt) {
        var t = text(id, p, prompt);
        var browse = new Button("…");
        browse.setTooltip(new Tooltip("Choose a file"));
        browse.setOnAction(e -> {
            var chooser = new FileChooser();
            String current = p.get();
            if (current != null && !current.isBlank()) {
                File dir = new File(current).getAbsoluteFile().getParentFile();
                if (dir != null && dir.isDirectory()) chooser.setInitialDirectory(dir);
            }
            File f = chooser.showOpenDialog(getDialogPane().getScene().getWindow());
            if (f != null) p.set(f.getPath());
        });
        var box = new HBox(4, t, browse);
        box.getProperties().put(LABELLED, t);
        HBox.setHgrow(t, Priority.ALWAYS);
        return box;
    }

    private static CheckBox check(String id, String text, boolean value) {
        var c = new CheckBox(text);
        c.setId(id);
        c.setSelected(value);
        return c;
    }
}
