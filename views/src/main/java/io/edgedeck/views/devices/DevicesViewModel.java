package io.edgedeck.views.devices;

import io.edgedeck.views.fleet.DeviceModel;
import io.edgedeck.views.fleet.FleetModel;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.transformation.FilteredList;

import java.util.Locale;
import java.util.function.Consumer;

/** The Devices table: every known device, filtered by a text over id and kind. Rows update live with the fleet. */
public final class DevicesViewModel {
    private final StringProperty filterText = new SimpleStringProperty(this, "filterText", "");
    private final FilteredList<DeviceModel> rows;
    private final StringBinding countText;
    private final Consumer<String> openHistory;

    public DevicesViewModel(FleetModel fleet, Consumer<String> openHistory) {
        this.openHistory = openHistory;
        this.rows = new FilteredList<>(fleet.devices());
        rows.predicateProperty().bind(Bindings.createObjectBinding(() -> {
            String needle = filterText.get() == null ? "" : filterText.get().trim().toLowerCase(Locale.ROOT);
            return needle.isEmpty() ? d -> true
                    : (java.util.function.Predicate<DeviceModel>) d -> d.id().toLowerCase(Locale.ROOT).contains(needle)
                    || d.kind().name().toLowerCase(Locale.ROOT).contains(needle);
        }, filterText));
        countText = Bindings.createStringBinding(
                () -> rows.size() == fleet.devices().size()
                        ? fleet.devices().size() + " devices"
                        : rows.size() + " of " + fleet.devices().size() + " devices",
                rows, fleet.devices());
    }

    // ---- Properties

    /** Case-insensitive substring of the id or kind. */
    public StringProperty filterTextProperty() {
        return filterText;
    }

    /** The rows that pass the filter (the view wraps them in a SortedList bound to the table's sort order). */
    public FilteredList<DeviceModel> rows() {
        return rows;
    }

    public StringBinding countText() {
        return countText;
    }

    // ---- Commands

    public void open(DeviceModel device) {
        if (device != null) {
            openHistory.accept(device.id());
        }
    }
}
