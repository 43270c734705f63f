package io.edgedeck.views.devices;

import io.edgedeck.db.Metric;
import io.edgedeck.views.common.Formats;
import io.edgedeck.views.fleet.DeviceModel;
import io.edgedeck.views.fleet.DeviceStatus;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Pos;
import io.edgedeck.link.command.RelayCommand;
import io.edgedeck.views.relay.RelayControlViewModel;
import io.edgedeck.views.relay.RelayInteraction;
import io.edgedeck.views.relay.RelaySwitch;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.controlsfx.control.textfield.TextFields;

import java.time.Instant;
import java.util.Comparator;
import java.util.function.Function;

/** The Devices screen: a sortable, filterable table. Double-click or Enter opens a device's history. */
public final class DevicesView extends BorderPane {
    /** Where a drop warning points for the cure. */
    public static final String DROP_HINT = "The broker discarded readings it held for EdgeDeck: see \"Broker settings the "
            + "guarantee depends on\" in the README (queue limits per client, persistence, session expiry).";
    private final TextField filter = TextFields.createClearableTextField();
    private final TableView<DeviceModel> table = new TableView<>();

    public DevicesView(DevicesViewModel vm) {
        this(vm, null, null);
    }

    /**
     * @param relays relay control (null: no On/Off/Toggle buttons)
     * @param ui     sign-in and confirmation for relay commands
     */
    public DevicesView(DevicesViewModel vm, RelayControlViewModel relays, RelayInteraction ui) {
        getStyleClass().add("devices");
        filter.setId("devices-filter");
        filter.setAccessibleText("Filter devices");
        filter.setPromptText("Filter by id or kind  (Ctrl+F)");
        filter.setPrefColumnCount(22);
        filter.textProperty().bindBidirectional(vm.filterTextProperty());
        var count = new Label();
        count.setId("devices-count");
        count.getStyleClass().add("count-label");
        count.textProperty().bind(vm.countText());
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var toolbar = new HBox(10, filter, spacer, count);
        if (relays != null) {
            toolbar.getChildren().add(1, relayButtons(relays, ui));
        }
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.getStyleClass().add("screen-toolbar");
        setTop(toolbar);

        table.setId("devices-table");
        table.setAccessibleText("Devices");
        var id = column("Device", 150, d -> new javafx.beans.property.SimpleStringProperty(d.id()));
        var kind = column("Kind", 70, DeviceModel::kindProperty);
        kind.setCellFactory(c -> textCell(k -> k == null ? "" : k.name().toLowerCase()));
        var online = column("Status", 150, DeviceModel::statusProperty);
        online.setCellFactory(c -> new StatusCell());
        var firstSeen = column("First seen", 150, DeviceModel::firstSeenProperty);
        firstSeen.setCellFactory(c -> textCell(Formats::dateTime));
        var lastSeen = column("Last seen", 150, d -> Bindings.createObjectBinding(
                () -> d.lastSeenMillisProperty().get() == 0 ? null : Instant.ofEpochMilli(d.lastSeenMillisProperty().get()),
                d.lastSeenMillisProperty()));
        lastSeen.setCellFactory(c -> textCell(Formats::dateTime));
        // "12 s ago", sorted by the time itself (most recent first when ascending, as an age reads)
        var ago = column("Age", 80, d -> Bindings.createObjectBinding(
                () -> new LastHeard(d.lastSeenMillis(), d.lastSeenTextProperty().get()),
                d.lastSeenTextProperty(), d.lastSeenMillisProperty()));
        ago.setId("devices-age");
        ago.setComparator(LastHeard.BY_AGE);
        ago.setCellFactory(c -> textCell(LastHeard::text));
        var broker = column("Broker", 200, DeviceModel::brokerProperty);
        broker.setId("devices-broker");
        broker.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String label, boolean empty) {
                super.updateItem(label, empty);
                DeviceModel d = empty ? null : getTableRow().getItem();
                setText(empty ? null : label);
                String note = d == null ? "" : d.brokerNoteProperty().get();
                setTooltip(note.isEmpty() ? null : new javafx.scene.control.Tooltip(note));
            }
        });
        var dropped = column("", 34, DeviceModel::dropWarningProperty);
        dropped.setId("devices-drop-column");
        dropped.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String warning, boolean empty) {
                super.updateItem(warning, empty);
                getStyleClass().remove("drop-warning");
                if (empty || warning == null || warning.isEmpty()) {
                    setText(null);
                    setTooltip(null);
                } else {
                    setText("⚠");
                    getStyleClass().add("drop-warning");
                    setTooltip(new javafx.scene.control.Tooltip(warning + "\n\n" + DROP_HINT));
                }
            }
        });
        var power = numberColumn("Power (W)", Metric.POWER, 1);
        var temperature = numberColumn("Temp. (°C)", Metric.TEMPERATURE, 1);
        var humidity = numberColumn("Humidity (%RH)", Metric.HUMIDITY, 0);
        table.getColumns().setAll(java.util.List.of(dropped, id, kind, online, broker, firstSeen, lastSeen, ago, power, temperature, humidity));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No devices match."));

        var sorted = new SortedList<>(vm.rows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setRowFactory(t -> {
            var row = new TableRow<DeviceModel>();
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !row.isEmpty()) {
                    vm.open(row.getItem());
                }
            });
            return row;
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                vm.open(table.getSelectionModel().getSelectedItem());
                e.consume();
            }
        });
        setCenter(table);
    }

    /** On / Off / Toggle for the selected plug, with the relay state and why they are disabled. */
    private HBox relayButtons(RelayControlViewModel relays, RelayInteraction ui) {
        var on = new Button("On");
        on.setId("devices-relay-on");
        var off = new Button("Off");
        off.setId("devices-relay-off");
        var toggle = new Button("Toggle");
        toggle.setId("devices-relay-toggle");
        var state = new Label();
        state.setId("devices-relay-state");
        state.getStyleClass().add("count-label");
        var tip = new Tooltip();
        tip.setShowDelay(javafx.util.Duration.millis(250));
        var box = new HBox(6, new Label("Relay of the selected plug:"), on, off, toggle, state);
        box.setAlignment(Pos.CENTER_LEFT);
        Tooltip.install(box, tip);
        Runnable update = () -> {
            DeviceModel d = table.getSelectionModel().getSelectedItem();
            boolean plug = RelayControlViewModel.hasRelay(d);
            RelaySwitch sw = plug ? relays.switchFor(d) : null;
            boolean disabled = sw == null || sw.isDisabled();
            on.setDisable(disabled);
            off.setDisable(disabled);
            toggle.setDisable(disabled);
            tip.setText(sw == null ? "Select a plug to switch it" : sw.hint());
            state.setText(sw == null ? "" : sw.problem().isEmpty() ? sw.text() : sw.text() + " · " + sw.problem());
        };
        var watched = new java.util.ArrayList<RelaySwitch>(1);
        javafx.beans.InvalidationListener onChange = o -> update.run();
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            watched.forEach(w -> {
                w.disabledProperty().removeListener(onChange);
                w.textProperty().removeListener(onChange);
                w.problemProperty().removeListener(onChange);
                w.hintProperty().removeListener(onChange);
            });
            watched.clear();
            if (RelayControlViewModel.hasRelay(b)) {
                RelaySwitch w = relays.switchFor(b);
                w.disabledProperty().addListener(onChange);
                w.textProperty().addListener(onChange);
                w.problemProperty().addListener(onChange);
                w.hintProperty().addListener(onChange);
                watched.add(w);
            }
            update.run();
        });
        on.setOnAction(e -> relays.request(table.getSelectionModel().getSelectedItem(), RelayCommand.RELAY_ON, ui));
        off.setOnAction(e -> relays.request(table.getSelectionModel().getSelectedItem(), RelayCommand.RELAY_OFF, ui));
        toggle.setOnAction(e -> relays.request(table.getSelectionModel().getSelectedItem(), RelayCommand.RELAY_TOGGLE, ui));
        update.run();
        return box;
    }

    public void focusFilter() {
        filter.requestFocus();
        filter.selectAll();
    }

    /** The age column's value: the text shown, sorted by the time it was last heard (never heard: oldest). */
    record LastHeard(long millis, String text) {
        static final Comparator<LastHeard> BY_AGE = Comparator.comparingLong((LastHeard h) -> h.millis()).reversed();
    }

    /** "● offline · silent", coloured by state; its tooltip says when it was last heard and why it is offline. */
    private static final class StatusCell extends TableCell<DeviceModel, DeviceStatus> {
        private final Tooltip tip = new Tooltip();
        private DeviceModel shown;

        StatusCell() {
            tip.setShowDelay(javafx.util.Duration.millis(300));
        }

        @Override
        protected void updateItem(DeviceStatus s, boolean empty) {
            super.updateItem(s, empty);
            getStyleClass().removeAll("status-online", "status-stale", "status-offline");
            DeviceModel d = empty || getTableRow() == null ? null : getTableRow().getItem();
            if (d != shown) {
                tip.textProperty().unbind();
                shown = d;
                if (d != null) {
                    tip.textProperty().bind(d.presenceTextProperty());
                }
            }
            if (empty || s == null || d == null) {
                setText(null);
                setTooltip(null);
            } else {
                String reason = d.offlineReasonProperty().get().label();
                setText("● " + s.name().toLowerCase() + (reason.isEmpty() ? "" : " · " + reason));
                getStyleClass().add("status-" + s.name().toLowerCase());
                setTooltip(tip);
            }
        }
    }

    private static <T> TableColumn<DeviceModel, T> column(String title, double width,
                                                         Function<DeviceModel, ObservableValue<T>> value) {
        var c = new TableColumn<DeviceModel, T>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(f -> value.apply(f.getValue()));
        return c;
    }

    private static TableColumn<DeviceModel, Number> numberColumn(String title, Metric metric, int decimals) {
        var c = column(title, 120, d -> d.valueProperty(metric));
        c.setComparator(Comparator.comparingDouble(n -> Double.isNaN(n.doubleValue()) ? Double.NEGATIVE_INFINITY : n.doubleValue()));
        c.setCellFactory(col -> {
            TableCell<DeviceModel, Number> cell = textCell(n -> n == null || Double.isNaN(n.doubleValue()) ? "" : Formats.number(n.doubleValue(), decimals));
            cell.setAlignment(Pos.CENTER_RIGHT);
            return cell;
        });
        return c;
    }

    private static <T> TableCell<DeviceModel, T> textCell(Function<T, String> text) {
        return new TableCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : text.apply(item));
            }
        };
    }

}
