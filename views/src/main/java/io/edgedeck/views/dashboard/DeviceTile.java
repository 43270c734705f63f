package io.edgedeck.views.dashboard;

import eu.hansolo.tilesfx.Tile;
import eu.hansolo.tilesfx.TileBuilder;
import io.edgedeck.db.DeviceKind;
import io.edgedeck.views.fleet.DeviceModel;
import io.edgedeck.views.fleet.DeviceStatus;
import io.edgedeck.views.theme.Theme;
import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import io.edgedeck.views.relay.RelaySwitch;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;

/** A device's tile: binds a TilesFX number tile to a {@link DeviceModel}. No logic beyond choosing colours. */
final class DeviceTile extends StackPane {
    static final double WIDTH = 210;
    static final double HEIGHT = 140;
    private static final PseudoClass STALE = PseudoClass.getPseudoClass("stale");
    private static final PseudoClass OFFLINE = PseudoClass.getPseudoClass("offline");
    private static final PseudoClass RELAY_ON = PseudoClass.getPseudoClass("on");
    private static final PseudoClass PENDING = PseudoClass.getPseudoClass("pending");

    private final DeviceModel device;
    private final Tile tile;
    private final Label badge = new Label();
    private Theme.TilePalette palette = Theme.DARK.tiles();

    DeviceTile(DeviceModel device) {
        this(device, null, null);
    }

    /**
     * @param relay    the plug's relay control, or null for a tile without one
     * @param onSwitch runs when the relay switch is clicked
     */
    DeviceTile(DeviceModel device, RelaySwitch relay, Runnable onSwitch) {
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
                .textVisible(true)
                .textSize(Tile.TextSize.BIGGER)
                .roundedCorners(true)
                .build();
        tile.setMouseTransparent(true);
        tile.setFocusTraversable(false);
        paintTile();
        tile.valueProperty().bind(Bindings.createDoubleBinding(
                () -> Double.isNaN(device.mainValueProperty().get()) ? 0 : device.mainValueProperty().get(),
                device.mainValueProperty()));
        // a device that only said "online" has no value yet: show none rather than a made-up 0.0
        tile.valueVisibleProperty().bind(Bindings.createBooleanBinding(
                () -> !Double.isNaN(device.mainValueProperty().get()), device.mainValueProperty()));
        tile.unitProperty().bind(device.mainUnitProperty());
        tile.descriptionProperty().bind(device.detailTextProperty());
        tile.textProperty().bind(device.statusTextProperty());

        badge.getStyleClass().add("tile-kind");
        badge.textProperty().bind(Bindings.createStringBinding(
                () -> kindLabel(device.kind()), device.kindProperty()));
        StackPane.setAlignment(badge, Pos.TOP_RIGHT);

        getChildren().addAll(tile, badge);
        if (relay != null) {
            addRelaySwitch(device, relay, onSwitch);
        }
        getStyleClass().add("device-tile");
        setFocusTraversable(true);
        setPrefSize(WIDTH, HEIGHT);
        setMaxSize(WIDTH, HEIGHT);
        device.statusProperty().addListener((o, a, b) -> showStatus(b));
        device.relayOnProperty().addListener((o, a, b) -> showStatus(device.status()));
        showStatus(device.status());
        // when it was last heard and, offline, why (Last Will or silence); the fleet's one pulse keeps it current
        var presence = new Tooltip();
        presence.textProperty().bind(Bindings.concat(device.id(), "\n", device.presenceTextProperty()));
        presence.setShowDelay(javafx.util.Duration.millis(400));
        Tooltip.install(this, presence);
        accessibleTextProperty().bind(Bindings.concat(device.id(), ", ", device.presenceTextProperty()));
    }

    private void addRelaySwitch(DeviceModel device, RelaySwitch relay, Runnable onSwitch) {
        var button = new Button();
        button.getStyleClass().add("relay-switch");
        button.setId("relay-" + device.id());
        button.textProperty().bind(relay.textProperty());
        button.disableProperty().bind(relay.disabledProperty());
        button.setFocusTraversable(false);
        button.setOnAction(e -> onSwitch.run());
        relay.relayOnProperty().addListener((o, a, b) -> showRelay(button, relay));
        relay.pendingProperty().addListener((o, a, b) -> showRelay(button, relay));
        showRelay(button, relay);
        button.setAccessibleText("Relay of " + device.id());
        // a disabled control shows no tooltip: the holder around it does, so the reason stays readable
        var holder = new StackPane(button);
        holder.getStyleClass().add("relay-holder");
        holder.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        var tip = new Tooltip();
        tip.textProperty().bind(relay.hintProperty());
        tip.setShowDelay(javafx.util.Duration.millis(250));
        Tooltip.install(holder, tip);
        StackPane.setAlignment(holder, Pos.BOTTOM_RIGHT);
        StackPane.setMargin(holder, new Insets(0, 8, 8, 0));

        var problem = new Label();
        problem.getStyleClass().add("relay-problem");
        problem.setId("relay-problem-" + device.id());
        problem.textProperty().bind(relay.problemProperty());
        problem.visibleProperty().bind(relay.problemProperty().isNotEmpty());
        problem.setMouseTransparent(true);
        StackPane.setAlignment(problem, Pos.TOP_RIGHT);
        StackPane.setMargin(problem, new Insets(26, 8, 0, 0));

        holder.visibleProperty().bind(Bindings.createBooleanBinding(
                () -> device.kind() == DeviceKind.PLUG, device.kindProperty()));
        problem.managedProperty().bind(holder.visibleProperty());
        getChildren().addAll(holder, problem);
    }

    private static void showRelay(Button button, RelaySwitch relay) {
        Boolean on = relay.relayOnProperty().get();
        button.pseudoClassStateChanged(RELAY_ON, !relay.isPending() && Boolean.TRUE.equals(on));
        button.pseudoClassStateChanged(PENDING, relay.isPending());
    }

    /** Repaints the tile in the theme's colours (TilesFX paints itself; CSS does not reach it). */
    void applyPalette(Theme.TilePalette p) {
        if (!p.equals(palette)) {
            palette = p;
            paintTile();
            showStatus(device.status());
        }
    }

    /** Sizes the tile for the text zoom: 1.0 is {@link #WIDTH} × {@link #HEIGHT}. */
    void scale(double factor) {
        tile.setPrefSize(WIDTH * factor, HEIGHT * factor);
        setPrefSize(WIDTH * factor, HEIGHT * factor);
        setMaxSize(WIDTH * factor, HEIGHT * factor);
    }

    private void paintTile() {
        tile.setBackgroundColor(palette.background());
        tile.setForegroundColor(palette.text());
        tile.setTitleColor(palette.muted());
        tile.setValueColor(palette.text());
        tile.setUnitColor(palette.muted());
        tile.setDescriptionColor(palette.muted());
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
            case ONLINE -> Boolean.FALSE.equals(device.relayOnProperty().get()) ? palette.muted() : palette.green();
            case STALE -> palette.amber();
            case OFFLINE -> palette.red();
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
