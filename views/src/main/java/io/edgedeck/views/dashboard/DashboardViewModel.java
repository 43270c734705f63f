package io.edgedeck.views.dashboard;

import io.edgedeck.views.ConsoleInfo;
import io.edgedeck.views.fleet.DeviceModel;
import io.edgedeck.views.fleet.DeviceStatus;
import io.edgedeck.views.fleet.FleetModel;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The dashboard: which device tiles are shown in which order, the count line and the demo banner.
 * Live sorts (power, last seen) are re-applied at most every {@link #RESORT_MILLIS} so tiles do not jump on every pulse.
 */
public final class DashboardViewModel {
    static final long RESORT_MILLIS = 3_000;
    public static final String DEMO_BANNER = "Demo fleet — simulated devices on the built-in broker";

    private final FleetModel fleet;
    private final Clock clock;
    private final Consumer<String> openHistory;
    private final StringProperty filterText = new SimpleStringProperty(this, "filterText", "");
    private final ObjectProperty<DeviceSort> sort = new SimpleObjectProperty<>(this, "sort", DeviceSort.ID);
    private final ObservableList<DeviceModel> visible = FXCollections.observableArrayList();
    private final ObservableList<DeviceModel> readOnlyVisible = FXCollections.unmodifiableObservableList(visible);
    private final ReadOnlyStringWrapper countText = new ReadOnlyStringWrapper(this, "countText", "");
    private final ReadOnlyBooleanWrapper demoBannerVisible = new ReadOnlyBooleanWrapper(this, "demoBannerVisible");
    private final ReadOnlyStringWrapper emptyText = new ReadOnlyStringWrapper(this, "emptyText", "");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private long lastOrderedMillis;

    public DashboardViewModel(FleetModel fleet, ConsoleInfo info, Clock clock, Consumer<String> openHistory) {
        this.fleet = fleet;
        this.clock = clock;
        this.openHistory = openHistory;
        demoBannerVisible.set(info.demoFleet());
        filterText.addListener((o, a, b) -> reorder());
        sort.addListener((o, a, b) -> reorder());
        fleet.devices().addListener((ListChangeListener<DeviceModel>) c -> reorder());
        reorder();
    }

    /** The console switched connections: the demo banner shows only for the demo fleet. */
    public void setDemoFleet(boolean demo) {
        demoBannerVisible.set(demo);
    }

    // ---- Properties

    /** Case-insensitive substring of the device id. */
    public StringProperty filterTextProperty() {
        return filterText;
    }

    public ObjectProperty<DeviceSort> sortProperty() {
        return sort;
    }

    public List<DeviceSort> sortChoices() {
        return List.of(DeviceSort.values());
    }

    /** The tiles to show, in order. */
    public ObservableList<DeviceModel> visibleDevices() {
        return readOnlyVisible;
    }

    /** "16 devices, 15 online" (plus "· 3 shown" while filtered). */
    public ReadOnlyStringProperty countTextProperty() {
        return countText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty demoBannerVisibleProperty() {
        return demoBannerVisible.getReadOnlyProperty();
    }

    /** What to show instead of tiles when there are none ("" when there are tiles). */
    public ReadOnlyStringProperty emptyTextProperty() {
        return emptyText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public void setLoading(boolean value) {
        loading.set(value);
        updateTexts();
    }

    // ---- Commands

    /** Opens the device in the History screen. */
    public void open(DeviceModel device) {
        if (device != null) {
            openHistory.accept(device.id());
        }
    }

    /** Called on each UI pulse after the fleet was updated. */
    public void onPulse() {
        if (sort.get().live() && clock.millis() - lastOrderedMillis >= RESORT_MILLIS) {
            reorder();
        } else {
            updateTexts();
        }
    }

    /** Filters and sorts now. The visible list is only touched when its content or order changed. */
    public void reorder() {
        lastOrderedMillis = clock.millis();
        String needle = filterText.get() == null ? "" : filterText.get().trim().toLowerCase(Locale.ROOT);
        List<DeviceModel> next = fleet.devices().stream()
                .filter(d -> needle.isEmpty() || d.id().toLowerCase(Locale.ROOT).contains(needle))
                .sorted(sort.get().comparator())
                .toList();
        if (!next.equals(visible)) {
            visible.setAll(next);
        }
        updateTexts();
    }

    private void updateTexts() {
        int total = fleet.devices().size();
        long online = fleet.devices().stream().filter(d -> d.status() != DeviceStatus.OFFLINE).count();
        String text = total + (total == 1 ? " device, " : " devices, ") + online + " online";
        if (visible.size() != total) {
            text += " · " + visible.size() + " shown";
        }
        if (!text.equals(countText.get())) {
            countText.set(text);
        }
        String empty = !visible.isEmpty() ? ""
                : loading.get() ? "Loading devices…"
                : total == 0 ? "No devices yet. Tiles appear as soon as a device publishes."
                : "No device id contains \"" + filterText.get().trim() + "\".";
        emptyText.set(empty);
    }
}
