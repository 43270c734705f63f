package io.edgedeck.views.dashboard;

import eu.hansolo.tilesfx.Tile;
import eu.hansolo.tilesfx.TileBuilder;
import io.edgedeck.db.DeviceKind;
import io.edgedeck.views.fleet.DeviceModel;
import io.edgedeck.views.fleet.DeviceStatus;
import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;

/** A device's tile: binds a TilesFX number tile to a {@link DeviceModel}. No logic beyond choosing colours. */
final class DeviceTile extends StackPane {
    static final double WIDTH = 210;
    static final double HEIGHT = 140;
    private static final PseudoClass STALE = PseudoClass.getPseudoClass("stale");
    private static final PseudoClass OFFLINE = PseudoClass.getPseudoClass("offline");
    private static final Color BACKGROUND = Color.web("#23272f");
    private static final Color TEXT = Color.web("#e6e9ef");
    private static final Color MUTED = Color.web("#9aa3b2");
    private static final Color GREEN = Color.web("#4cc38a");
    private static final Color AMBER = Color.web("#f0b429");
    private static final Color RED = Color.web("#ef5b5b");

    private final DeviceModel device;
    private final Tile tile;
    private final Label badge = new Label();

    DeviceTile(DeviceModel device) {
        this.device = device;
        this.tile = TileBuilder.create()
                .skinType(Tile.SkinType.NUMBER)
                .prefSize(WIDTH, HEIGHT)
                .minValue(-1_000_000)
                .maxValue(1_000_000)
                .animated(false)
                .decimals(1)
                .title(device.id())
                .titleAlignment(TextAlignment.LEFT)
                .textAlignment(TextAlignment.LEFT)
                .backgroundColor(BACKGROUND)
                .foregroundColor(TEXT)
                .titleColor(MUTED)
                .valueColor(TEXT)
                .unitColor(MUTED)
                .descriptionColor(MUTED)
                .textColor(GREEN)
                .textVisible(true)
                .textSize(Tile.TextSize.BIGGER)
                .roundedCorners(true)
                .build();
        tile.setMouseTransparent(true);
        tile.setFocusTraversable(false);
        tile.valueProperty().bind(Bindings.createDoubleBinding(
                () -> Double.isNaN(device.mainValueProperty().get()) ? 0 : device.mainValueProperty().get(),
                device.mainValueProperty()));
        tile.unitProperty().bind(device.mainUnitProperty());
        tile.descriptionProperty().bind(device.detailTextProperty());
        tile.textProperty().bind(device.statusTextProperty());

        badge.getStyleClass().add("tile-kind");
        badge.textProperty().bind(Bindings.createStringBinding(
                () -> kindLabel(device.kind()), device.kindProperty()));
        StackPane.setAlignment(badge, Pos.TOP_RIGHT);

        getChildren().addAll(tile, badge);
        getStyleClass().add("device-tile");
        setFocusTraversable(true);
        setPrefSize(WIDTH, HEIGHT);
        setMaxSize(WIDTH, HEIGHT);
        device.statusProperty().addListener((o, a, b) -> showStatus(b));
        device.relayOnProperty().addListener((o, a, b) -> showStatus(device.status()));
        showStatus(device.status());
        setAccessibleText(device.id());
    }

    DeviceModel device() {
        return device;
    }

    Tile tile() {
        return tile;
    }

    private void showStatus(DeviceStatus s) {
        pseudoClassStateChanged(STALE, s == DeviceStatus.STALE);
        pseudoClassStateChanged(OFFLINE, s == DeviceStatus.OFFLINE);
        setOpacity(s == DeviceStatus.OFFLINE ? 0.45 : 1.0);
        Color c = switch (s) {
            case ONLINE -> Boolean.FALSE.equals(device.relayOnProperty().get()) ? MUTED : GREEN;
            case STALE -> AMBER;
            case OFFLINE -> RED;
        };
        if (!c.equals(tile.getTextColor())) {
            tile.setTextColor(c);
        }
    }

    private static String kindLabel(DeviceKind kind) {
        return switch (kind) {
            case PLUG -> "PLUG";
            case SENSOR -> "SENSOR";
            case GENERIC -> "GENERIC";
        };
    }
}
