package io.edgedeck.services.energy;

import java.util.List;

/**
 * One plug's (or the fleet's) energy: per hour (last 48), per day (last 30), per month (last 12), oldest first, and
 * its standby draw.
 *
 * @param deviceId      the plug, or {@link EnergySummary#TOTAL} for the sum of all plugs
 * @param counterHours  hours whose energy came from the plug's own counter (the others: integrated power)
 * @param standbyWatts  lowest hourly mean power of the last 7 days, NaN when there is too little data
 */
public record PlugEnergy(String deviceId, List<PeriodEnergy> hours, List<PeriodEnergy> days,
                         List<PeriodEnergy> months, int counterHours, double standbyWatts) {
    public PlugEnergy {
        hours = List.copyOf(hours);
        days = List.copyOf(days);
        months = List.copyOf(months);
    }

    public PeriodEnergy today() {
        return days.getLast();
    }

    public PeriodEnergy thisMonth() {
        return months.getLast();
    }
}
