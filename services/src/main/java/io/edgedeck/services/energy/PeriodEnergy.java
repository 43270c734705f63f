package io.edgedeck.services.energy;

import java.time.Instant;

/**
 * The energy and cost of one period (an hour, a day, a month) for one plug or the fleet.
 *
 * @param coveredMillis  the time within the period the data covers
 * @param expectedMillis the time it should cover: the period up to now, from when the plug was first seen
 */
public record PeriodEnergy(Instant from, Instant to, double kwh, double cost, long coveredMillis, long expectedMillis) {
    /** Below this share of the expected time a period is shown as incomplete. */
    public static final double COMPLETE = 0.98;

    /** Share of the expected time covered by data; 1 when nothing was expected. */
    public double coverage() {
        return expectedMillis <= 0 ? 1.0 : Math.min(1.0, (double) coveredMillis / expectedMillis);
    }

    /** False where data is missing for part of the period: its kWh are what was measured, not an estimate. */
    public boolean complete() {
        return coverage() >= COMPLETE;
    }

    PeriodEnergy plus(PeriodEnergy o) {
        return new PeriodEnergy(from, to, kwh + o.kwh, cost + o.cost, coveredMillis + o.coveredMillis,
                expectedMillis + o.expectedMillis);
    }
}
