package io.edgedeck.views.fleet;

import javafx.beans.binding.Bindings;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;

import java.util.Optional;
import java.util.function.Function;

/**
 * Cells that show a device id with when it was last heard and, offline, why — for the screens that list devices by
 * id (History's picker, Energy's plugs, Alarms). They bind to the device's {@link DeviceModel#presenceTextProperty()},
 * which the fleet's one pulse refreshes: no timer of their own.
 */
public final class PresenceCells {
    private PresenceCells() {
    }

    /** A list cell: the id, and beside it in a quieter style "online · last heard 3 s ago". */
    public static ListCell<String> listCell(Function<String, Optional<DeviceModel>> devices) {
        return new ListCell<>() {
            private final Label presence = new Label();

            {
                presence.getStyleClass().add("presence-text");
                setContentDisplay(ContentDisplay.RIGHT);
                setGraphicTextGap(12);
            }

            @Override
            protected void updateItem(String id, boolean empty) {
                super.updateItem(id, empty);
                presence.textProperty().unbind();
                Optional<DeviceModel> d = empty || id == null ? Optional.empty() : devices.apply(id);
                setText(empty ? null : id);
                if (d.isPresent()) {
                    presence.textProperty().bind(d.get().presenceTextProperty());
                    setGraphic(presence);
                } else {
                    setGraphic(null);
                }
            }
        };
    }

    /** A table cell showing the id; its tooltip says when the device was last heard and, offline, why. */
    public static <T> TableCell<T, String> tableCell(Function<String, Optional<DeviceModel>> devices) {
        return new TableCell<>() {
            private final Tooltip tip = new Tooltip();

            {
                tip.setShowDelay(javafx.util.Duration.millis(300));
            }

            @Override
            protected void updateItem(String id, boolean empty) {
                super.updateItem(id, empty);
                tip.textProperty().unbind();
                Optional<DeviceModel> d = empty || id == null ? Optional.empty() : devices.apply(id);
                setText(empty ? null : id);
                if (d.isPresent()) {
                    tip.textProperty().bind(Bindings.concat(id, ": ", d.get().presenceTextProperty()));
                    setTooltip(tip);
                } else {
                    setTooltip(null);
                }
            }
        };
    }
}
