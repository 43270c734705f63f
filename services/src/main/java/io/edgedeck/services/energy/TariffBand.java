package io.edgedeck.services.energy;

import java.time.LocalTime;
import java.util.Objects;

/**
 * A price per kWh from {@code start} (inclusive) to {@code end} (exclusive) local time each day. A band whose end is
 * not after its start wraps midnight (23:00–07:00); start equal to end is the whole day.
 */
public record TariffBand(LocalTime start, LocalTime end, double pricePerKwh) {
    public TariffBand {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!Double.isFinite(pricePerKwh) || pricePerKwh < 0) {
            throw new IllegalArgumentException("a price per kWh must be a number of at least 0, was " + pricePerKwh);
        }
    }

    /** Whether the local time {@code t} falls in this band. */
    public boolean contains(LocalTime t) {
        if (start.equals(end)) {
            return true;
        }
        if (start.isBefore(end)) {
            return !t.isBefore(start) && t.isBefore(end);
        }
        return !t.isBefore(start) || t.isBefore(end);
    }

    /** Minutes of the day this band covers. */
    int minutes() {
        int s = start.toSecondOfDay() / 60;
        int e = end.toSecondOfDay() / 60;
        return s == e ? 1440 : Math.floorMod(e - s, 1440);
    }
}
