package io.edgedeck.views.status;

import io.edgedeck.link.mqtt.LinkState;
import io.edgedeck.services.links.ConnectionPhase;
import io.edgedeck.services.links.ConnectionSnapshot;
import io.edgedeck.views.connections.ConnectionsViewModel;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import java.util.function.Consumer;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.geometry.Orientation;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.shape.Circle;

/** The bottom status bar. Binds only; a click on the quarantined count runs {@code onQuarantineClicked}. */
public final class StatusBarView extends HBox {
    private final Label connection;
    private final HBox chips = new HBox(6);

    public StatusBarView(StatusBarViewModel vm, Runnable onQuarantineClicked) {
        super(10);
        getStyleClass().add("status-bar");
        setAlignment(Pos.CENTER_LEFT);

        var dot = new Circle(5);
        dot.getStyleClass().add("link-dot");
        vm.linkStateProperty().addListener((o, a, b) -> showState(dot, b));
        showState(dot, vm.linkStateProperty().get());

        connection = label("status-connection", vm.connectionTextProperty().get());
        connection.textProperty().bind(vm.connectionTextProperty());
        connection.setGraphic(dot);

        var cancel = new Hyperlink("Cancel");
        cancel.setId("status-cancel-connecting");
        cancel.getStyleClass().add("status-link");
        cancel.setMinWidth(Region.USE_PREF_SIZE);
        cancel.setTooltip(new Tooltip("Stop trying to reach this broker; choose another connection with Ctrl+Shift+B"));
        cancel.visibleProperty().bind(vm.cancellableProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(e -> {
            cancel.setVisited(false);
            vm.cancelConnecting();
        });

        var rate = label("status-rate", "");
        rate.textProperty().bind(vm.rateTextProperty());
        var rows = label("status-rows", "");
        rows.textProperty().bind(vm.rowsTextProperty());

        var quarantined = new Hyperlink();
        quarantined.setId("status-quarantined");
        quarantined.getStyleClass().add("status-link");
        quarantined.textProperty().bind(vm.quarantinedTextProperty());
        quarantined.setMinWidth(Region.USE_PREF_SIZE);
        quarantined.setTooltip(new Tooltip("Show quarantined messages (Ctrl+4)"));
        quarantined.setOnAction(e -> {
            quarantined.setVisited(false);
            onQuarantineClicked.run();
        });
        vm.quarantinedProperty().addListener((o, a, b) ->
                quarantined.pseudoClassStateChanged(PseudoClass.getPseudoClass("nonzero"), b.longValue() > 0));

        var problem = label("status-problem", "");
        problem.getStyleClass().add("status-problem");
        problem.textProperty().bind(vm.problemProperty());
        problem.visibleProperty().bind(vm.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());

        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var db = label("status-database", "");
        db.textProperty().bind(vm.databaseTextProperty());
        // the least important part: on a narrow window or a large text zoom it gives way first (full path in the tooltip)
        db.setMinWidth(80);
        db.setTextOverrun(javafx.scene.control.OverrunStyle.LEADING_ELLIPSIS);
        db.setTooltip(new Tooltip());
        db.getTooltip().textProperty().bind(vm.databaseTextProperty());

        chips.setId("status-chips");
        chips.setAlignment(Pos.CENTER_LEFT);
        chips.setVisible(false);
        chips.setManaged(false);
        getChildren().addAll(connection, cancel, chips, sep(), rate, sep(), rows, sep(), quarantined, problem, spacer, db);
    }

    /**
     * One chip per connection (name, a dot in the state's colour, a tooltip with address and last cause) once there
     * are two or more; they replace the single connection label. A click on a chip runs {@code onChip} with the
     * connection's name (the connection log).
     */
    public void showChips(ObservableList<ConnectionSnapshot> connections, Consumer<String> onChip) {
        Runnable rebuild = () -> {
            boolean several = connections.size() >= 2;
            chips.setVisible(several);
            chips.setManaged(several);
            connection.setVisible(!several);
            connection.setManaged(!several);
            if (chips.getChildren().size() == connections.size()) { // the same connections: update in place, so that
                for (int i = 0; i < connections.size(); i++) {    // an open tooltip stays open
                    update((Hyperlink) chips.getChildren().get(i), connections.get(i), onChip);
                }
                return;
            }
            chips.getChildren().clear();
            int i = 0;
            for (ConnectionSnapshot c : connections) {
                var chip = new Hyperlink();
                chip.setId("status-chip-" + i++);
                chip.getStyleClass().addAll("status-link", "connection-chip");
                chip.setMinWidth(Region.USE_PREF_SIZE);
                chip.setTooltip(new Tooltip());
                var dot = new Circle(5);
                dot.getStyleClass().add("link-dot");
                chip.setGraphic(dot);
                update(chip, c, onChip);
                chips.getChildren().add(chip);
            }
        };
        connections.addListener((ListChangeListener<ConnectionSnapshot>) ch -> rebuild.run());
        rebuild.run();
    }

    private static void update(Hyperlink chip, ConnectionSnapshot c, Consumer<String> onChip) {
        for (ConnectionPhase p : ConnectionPhase.values()) {
            chip.getGraphic().pseudoClassStateChanged(PseudoClass.getPseudoClass(p.name().toLowerCase()), p == c.phase());
            chip.getStyleClass().remove("chip-" + p.name().toLowerCase());
        }
        chip.getStyleClass().add("chip-" + c.phase().name().toLowerCase());
        chip.setText(ConnectionsViewModel.chipText(c));
        chip.getTooltip().setText(ConnectionsViewModel.chipTooltip(c));
        chip.setOnAction(e -> {
            chip.setVisited(false);
            onChip.accept(c.name());
        });
    }

    /** A click on the connection state runs {@code action} (the connection dialog). */
    public void onConnectionClicked(Runnable action, String tooltip) {
        connection.setCursor(javafx.scene.Cursor.HAND);
        connection.setTooltip(new Tooltip(tooltip));
        connection.setOnMouseClicked(e -> action.run());
    }

    private static Separator sep() {
        return new Separator(Orientation.VERTICAL);
    }

    private static Label label(String id, String text) {
        var l = new Label(text);
        l.setId(id);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private static void showState(Circle dot, LinkState s) {
        for (LinkState each : LinkState.values()) {
            dot.pseudoClassStateChanged(PseudoClass.getPseudoClass(each.name().toLowerCase()), each == s);
        }
    }
}
