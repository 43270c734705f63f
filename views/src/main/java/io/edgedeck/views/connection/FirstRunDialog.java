package io.edgedeck.views.connection;

import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.stage.Window;

/**
 * The first start's one question: watch the built-in demo fleet, or connect to my broker. Closing it (Esc, the
 * window's close button) counts as the demo fleet, which is what runs anyway.
 */
public final class FirstRunDialog extends Dialog<FirstRunChoice> {
    public static final ButtonType DEMO = new ButtonType("Watch the built-in demo fleet", ButtonBar.ButtonData.CANCEL_CLOSE);
    public static final ButtonType MY_BROKER = new ButtonType("Connect to my broker", ButtonBar.ButtonData.OK_DONE);

    public FirstRunDialog(Window owner) {
        setTitle("Welcome to EdgeDeck");
        setHeaderText("What would you like to see?");
        if (owner != null) {
            initOwner(owner);
            if (owner.getScene() != null) {
                io.edgedeck.views.shell.DialogStyle.adopt(getDialogPane(), owner.getScene().getRoot()); // the theme
            }
        }
        getDialogPane().setId("first-run-dialog");
        var text = new Label("EdgeDeck can show a simulated demo fleet of smart plugs and climate sensors on a broker "
                + "built into the program, or connect to your own MQTT broker (Mosquitto, HiveMQ, EMQX, AWS IoT "
                + "Core…). You can switch at any time from the status bar's connection.");
        text.setWrapText(true);
        // without a preferred width the pane sizes to the unwrapped sentence: wider than a 1366 px screen
        text.setPrefWidth(460);
        text.setMaxWidth(460);
        text.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        getDialogPane().setContent(text);
        getDialogPane().getButtonTypes().setAll(DEMO, MY_BROKER);
        getDialogPane().lookupButton(DEMO).setId("first-run-demo");
        getDialogPane().lookupButton(MY_BROKER).setId("first-run-broker");
        setResultConverter(b -> b == MY_BROKER ? FirstRunChoice.MY_BROKER : FirstRunChoice.DEMO);
    }
}
