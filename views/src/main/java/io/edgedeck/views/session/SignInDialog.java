package io.edgedeck.views.session;

import io.edgedeck.db.Operator;
import io.edgedeck.services.KeyRing;
import javafx.application.Platform;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The sign-in dialog over a {@link SignInViewModel}: operator picker and passphrase, or the first operator's name and
 * passphrase twice. Enter signs in, Esc cancels; a refusal is shown inline and the dialog stays open.
 */
public final class SignInDialog extends Dialog<Boolean> {
    private final SignInViewModel vm;
    private final ComboBox<Operator> operator = new ComboBox<>();
    private final PasswordField passphrase = new PasswordField();
    private final TextField newName = new TextField();
    private final PasswordField repeat = new PasswordField();

    public SignInDialog(SignInViewModel vm, Window owner) {
        this.vm = vm;
        setTitle("EdgeDeck — sign in");
        setHeaderText("Sign in with your operator key");
        if (owner != null) {
            initOwner(owner);
        }
        var ok = new ButtonType("Sign in", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().setAll(ok, ButtonType.CANCEL);
        getDialogPane().setId("sign-in-dialog");
        getDialogPane().getStyleClass().add("sign-in-dialog");


        operator.setId("sign-in-operator");
        operator.setItems(vm.candidates());
        operator.valueProperty().bindBidirectional(vm.selectedProperty());
        operator.setCellFactory(l -> new OperatorCell());
        operator.setButtonCell(new OperatorCell());
        operator.setPromptText("Choose an operator");
        operator.setMaxWidth(Double.MAX_VALUE);
        passphrase.setId("sign-in-passphrase");
        passphrase.setPromptText("Passphrase of the operator's key");
        passphrase.textProperty().bindBidirectional(vm.passphraseProperty());
        newName.setId("sign-in-new-name");
        newName.setPromptText("e.g. ana");
        newName.textProperty().bindBidirectional(vm.newNameProperty());
        repeat.setId("sign-in-repeat");
        repeat.setPromptText("The same passphrase again");
        repeat.textProperty().bindBidirectional(vm.repeatProperty());

        var signInGrid = grid();
        signInGrid.addRow(0, label("Operator", operator), operator);
        var firstGrid = grid();
        var firstIntro = new Label("This console has no operator yet. Create the first operator (Admin): a key pair is "
                + "generated here and its private key is stored encrypted with this passphrase.");
        firstIntro.setWrapText(true);
        firstIntro.setMaxWidth(420);
        firstIntro.setId("sign-in-first-intro");
        var firstTitle = new Label("Create the first operator (Admin)");
        firstTitle.getStyleClass().add("dialog-title");
        firstGrid.addRow(0, label("Name", newName), newName);
        var passGrid = grid();
        passGrid.addRow(0, label("Passphrase", passphrase), passphrase);
        var repeatGrid = grid();
        repeatGrid.addRow(0, label("Repeat", repeat), repeat);
        var hint = new Label("At least " + KeyRing.MIN_PASSPHRASE_LENGTH + " characters.");
        hint.getStyleClass().add("muted");

        var loading = new Label("Reading the operators…");
        var progress = new ProgressIndicator();
        progress.setMaxSize(18, 18);
        progress.visibleProperty().bind(vm.busyProperty().or(vm.modeProperty().isEqualTo(SignInViewModel.Mode.LOADING)));
        var working = new Label();
        working.textProperty().bind(javafx.beans.binding.Bindings.when(vm.busyProperty())
                .then("Unlocking the key…").otherwise(""));
        var error = new Label();
        error.setId("sign-in-error");
        error.getStyleClass().add("form-error");
        error.setStyle("-fx-text-fill: #c62828;"); // dialogs use the default (light) theme, not the window's sheet
        error.setWrapText(true);
        error.setMaxWidth(420);
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        var busyRow = new HBox(8, progress, working);
        busyRow.setAlignment(Pos.CENTER_LEFT);
        var box = new VBox(10);
        box.setPadding(new Insets(6, 4, 0, 4));
        box.setPrefWidth(440);
        Runnable layout = () -> {
            var m = vm.modeProperty().get();
            box.getChildren().clear();
            switch (m) {
                case LOADING -> box.getChildren().addAll(loading);
                case SIGN_IN -> box.getChildren().addAll(signInGrid, passGrid);
                case FIRST_OPERATOR -> box.getChildren().addAll(firstTitle, firstIntro, firstGrid, passGrid, repeatGrid, hint);
            }
            box.getChildren().addAll(error, busyRow);
            getDialogPane().lookupButton(ok).setAccessibleText(m == SignInViewModel.Mode.FIRST_OPERATOR
                    ? "Create and sign in" : "Sign in");
            ((Button) getDialogPane().lookupButton(ok)).setText(m == SignInViewModel.Mode.FIRST_OPERATOR
                    ? "Create and sign in" : "Sign in");
            Platform.runLater(() -> {
                if (getDialogPane().getScene() != null && getDialogPane().getScene().getWindow() != null) {
                    getDialogPane().getScene().getWindow().sizeToScene(); // the content changed size after showing
                }
                focusFirstField();
            });
        };
        vm.modeProperty().addListener((o, a, b) -> layout.run());
        layout.run();
        getDialogPane().setContent(box);

        Node okButton = getDialogPane().lookupButton(ok);
        okButton.setId("sign-in-ok");
        okButton.disableProperty().bind(vm.canSubmitProperty().not());
        okButton.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume(); // stays open until signed in
            vm.submit();
        });
        Node cancel = getDialogPane().lookupButton(ButtonType.CANCEL);
        cancel.setId("sign-in-cancel");
        cancel.disableProperty().bind(vm.busyProperty());
        for (Node field : new Node[]{operator, passphrase, newName, repeat}) {
            field.disableProperty().bind(vm.busyProperty());
        }
        vm.errorProperty().addListener((o, a, b) -> {
            if (!b.isEmpty()) {
                Platform.runLater(() -> (vm.modeProperty().get() == SignInViewModel.Mode.FIRST_OPERATOR
                        && vm.newNameProperty().get().isBlank() ? newName : passphrase).requestFocus());
            }
        });
        vm.doneProperty().addListener((o, a, b) -> {
            if (b) {
                setResult(true);
                close();
            }
        });
        setResultConverter(b -> vm.doneProperty().get());
        setOnShown(e -> focusFirstField());
    }

    private void focusFirstField() {
        switch (vm.modeProperty().get()) {
            case FIRST_OPERATOR -> newName.requestFocus();
            case SIGN_IN -> (vm.selectedProperty().get() == null ? operator : passphrase).requestFocus();
            case LOADING -> {
            }
        }
    }

    private static GridPane grid() {
        var g = new GridPane();
        g.setHgap(10);
        var c0 = new javafx.scene.layout.ColumnConstraints(90);
        var c1 = new javafx.scene.layout.ColumnConstraints();
        c1.setHgrow(Priority.ALWAYS);
        c1.setFillWidth(true);
        g.getColumnConstraints().setAll(c0, c1);
        return g;
    }

    private static Label label(String text, Node field) {
        var l = new Label(text);
        l.setLabelFor(field);
        return l;
    }

    private static final class OperatorCell extends ListCell<Operator> {
        @Override
        protected void updateItem(Operator o, boolean empty) {
            super.updateItem(o, empty);
            setText(empty || o == null ? null : o.name() + " (" + o.role().title() + ")");
        }
    }
}
