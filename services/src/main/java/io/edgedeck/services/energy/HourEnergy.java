package io.edgedeck.services.energy;

import io.edgedeck.db.EnergyBucket;

import java.time.Instant;
import java.time.ZoneId;

/**
 * One hour (or day) of one plug: its energy, how much of the bucket the data covers, and its cost.
 *
 * @param kwh           from the plug's counter where it reported one in this bucket, else integrated power
 * @param coveredMillis the time the energy is known for (at most the bucket's length)
 * @param fromCounter   true when {@code kwh} came from the counter
 * @param meanPowerWatts mean of the power readings, NaN when none
 */
public record HourEnergy(Instant start, long lengthMillis, double kwh, long coveredMillis, boolean fromCounter,
                         double cost, double meanPowerWatts) {

    /** The bucket's energy and cost (the energy spread evenly over the bucket for time-of-use bands). */
    public static HourEnergy of(EnergyBucket b, Tariff tariff, ZoneId zone) {
        boolean counter = b.hasCounter();
        double kwh = counter ? b.counterKwh() : b.integratedKwh();
        long covered = Math.min(b.lengthMillis(), counter ? b.counterMillis() : b.integratedMillis());
        Instant start = Instant.ofEpochMilli(b.start());
        double cost = tariff.cost(start, start.plusMillis(b.lengthMillis()), kwh, zone);
        return new HourEnergy(start, b.lengthMillis(), kwh, covered, counter, cost, b.meanPowerWatts());
    }

    /** Share of the bucket the data covers, 0 to 1. */
    public double coverage() {
        return (double) coveredMillis / lengthMillis;
    }
}
