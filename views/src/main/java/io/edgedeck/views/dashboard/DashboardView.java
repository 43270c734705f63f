package io.edgedeck.views.dashboard;

import io.edgedeck.views.fleet.DeviceModel;
import io.edgedeck.views.relay.RelayControlViewModel;
import io.edgedeck.views.relay.RelayInteraction;
import io.edgedeck.views.theme.Theme;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import org.controlsfx.control.textfield.TextFields;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

/** The dashboard screen: a toolbar (filter, sort, count) over a scrolling pane of device tiles. Binds only. */
public final class DashboardView extends BorderPane {
    private final DashboardViewModel vm;
    private final TextField filter = TextFields.createClearableTextField();
    private final TilePane tiles = new TilePane(12, 12);
    private final Map<DeviceModel, DeviceTile> tileByDevice = new HashMap<>();
    private final RelayControlViewModel relays;
    private final RelayInteraction ui;
    private Theme theme = Theme.DARK;
    private double tileScale = 1.0;

    public DashboardView(DashboardViewModel vm) {
        this(vm, null, null);
    }

    /**
     * @param relays relay control for the plugs' tiles (null: tiles without a switch)
     * @param ui     sign-in and confirmation for relay commands
     */
    public DashboardView(DashboardViewModel vm, RelayControlViewModel relays, RelayInteraction ui) {
        this.vm = vm;
        this.relays = relays;
        this.ui = ui;
        getStyleClass().add("dashboard");

        filter.setPromptText("Filter by device id  (Ctrl+F)");
        filter.setId("dashboard-filter");
        filter.setPrefColumnCount(22);
        filter.textProperty().bindBidirectional(vm.filterTextProperty());

        var sort = new ComboBox<DeviceSort>();
        sort.setId("dashboard-sort");
        sort.getItems().setAll(vm.sortChoices());
        sort.valueProperty().bindBidirectional(vm.sortProperty());
        sort.setTooltip(new javafx.scene.control.Tooltip("Order of the tiles"));
        var sortLabel = new Label("Sort");
        sortLabel.setLabelFor(sort);

        var count = new Label();
        count.setId("dashboard-count");
        count.getStyleClass().add("count-label");
        count.textProperty().bind(vm.countTextProperty());

        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var toolbar = new HBox(10, filter, sortLabel, sort, spacer, count);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.getStyleClass().add("screen-toolbar");

        var banner = new Label(DashboardViewModel.DEMO_BANNER);
        banner.setId("demo-banner");
        banner.getStyleClass().add("demo-banner");
        banner.setMaxWidth(Double.MAX_VALUE);
        banner.visibleProperty().bind(vm.demoBannerVisibleProperty());
        banner.managedProperty().bind(banner.visibleProperty());

        setTop(new VBox(banner, toolbar));

        tiles.setId("dashboard-tiles");
        tiles.getStyleClass().add("tile-grid");
        tiles.setPadding(new Insets(14));
        tiles.setPrefTileWidth(DeviceTile.WIDTH);
        tiles.setPrefTileHeight(DeviceTile.HEIGHT);
        tiles.setAlignment(Pos.TOP_LEFT);
        var scroll = new ScrollPane(tiles);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("tile-scroll");

        var empty = new Label();
        empty.getStyleClass().add("placeholder");
        empty.textProperty().bind(vm.emptyTextProperty());
        empty.visibleProperty().bind(vm.emptyTextProperty().isNotEmpty());
        empty.setMouseTransparent(true);
        setCenter(new StackPane(scroll, empty));

        vm.visibleDevices().addListener((ListChangeListener<DeviceModel>) c -> showTiles());
        showTiles();
    }

    /** Puts keyboard focus into the filter field. */
    public void focusFilter() {
        filter.requestFocus();
        filter.selectAll();
    }

    /** Repaints every tile, and the tiles made later, in the theme's colours. */
    public void applyTheme(Theme t) {
        theme = t;
        tileByDevice.values().forEach(tile -> tile.applyPalette(t.tiles()));
    }

    /** Grows or shrinks the tiles with the text zoom (1.0: normal size). */
    public void scaleTiles(double factor) {
        tileScale = factor;
        tiles.setPrefTileWidth(DeviceTile.WIDTH * factor);
        tiles.setPrefTileHeight(DeviceTile.HEIGHT * factor);
        tileByDevice.values().forEach(tile -> tile.scale(factor));
    }

    private void showTiles() {
        var nodes = new ArrayList<DeviceTile>(vm.visibleDevices().size());
        for (DeviceModel d : vm.visibleDevices()) {
            nodes.add(tileByDevice.computeIfAbsent(d, this::createTile));
        }
        tiles.getChildren().setAll(nodes);
    }

    private DeviceTile createTile(DeviceModel d) {
        var t = relays == null ? new DeviceTile(d)
                : new DeviceTile(d, relays.switchFor(d), () -> relays.flip(d, ui));
        t.applyPalette(theme.tiles());
        if (tileScale != 1.0) {
            t.scale(tileScale);
        }
        t.setOnMouseClicked(e -> {
            t.requestFocus();
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                vm.open(d);
            }
        });
        t.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                vm.open(d);
                e.consume();
            }
        });
        return t;
    }
}
