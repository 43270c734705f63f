package io.edgedeck.db;

/**
 * The energy of one device in one rollup bucket (1 hour or 1 day), read from the rollups.
 *
 * @param start          bucket start, epoch milliseconds (UTC)
 * @param lengthMillis   the bucket's width
 * @param counterKwh     the plug's energy counter's increase booked in this bucket (each delta in the bucket of the
 *                       later reading; a counter restart counts the new value)
 * @param counterMillis  the time the counter deltas span (a delta across a gap spans the gap)
 * @param integratedKwh  power integrated over gaps of at most 10 minutes between readings, in the bucket of the
 *                       earlier reading
 * @param integratedMillis the time that integration covers (less than the bucket where the device was silent)
 * @param meanPowerWatts the mean of the power readings in the bucket, NaN when there were none
 */
public record EnergyBucket(long start, long lengthMillis, double counterKwh, long counterMillis, double integratedKwh,
                           long integratedMillis, double meanPowerWatts) {

    /** True when the plug reported its energy counter in this bucket. */
    public boolean hasCounter() {
        return counterMillis > 0;
    }
}
