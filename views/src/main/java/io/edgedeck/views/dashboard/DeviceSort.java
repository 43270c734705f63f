package io.edgedeck.views.dashboard;

import io.edgedeck.db.Metric;
import io.edgedeck.views.fleet.DeviceModel;

import java.util.Comparator;

/** Orders of the dashboard's tiles. */
public enum DeviceSort {
    ID("Device id", Comparator.comparing(DeviceModel::id), false),
    POWER("Power, high → low", Comparator.comparingDouble((DeviceModel d) -> orMinus(d.value(Metric.POWER))).reversed()
            .thenComparing(DeviceModel::id), true),
    LAST_SEEN("Last seen, newest first", Comparator.comparingLong(DeviceModel::lastSeenMillis).reversed()
            .thenComparing(DeviceModel::id), true);

    private final String label;
    private final Comparator<DeviceModel> comparator;
    private final boolean live;

    DeviceSort(String label, Comparator<DeviceModel> comparator, boolean live) {
        this.label = label;
        this.comparator = comparator;
        this.live = live;
    }

    public Comparator<DeviceModel> comparator() {
        return comparator;
    }

    /** True when the order depends on values that change live (so it is re-applied now and then, not constantly). */
    public boolean live() {
        return live;
    }

    private static double orMinus(double v) {
        return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
    }

    @Override
    public String toString() {
        return label;
    }
}
