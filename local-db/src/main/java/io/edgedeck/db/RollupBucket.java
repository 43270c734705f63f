package io.edgedeck.db;

/**
 * One rollup row being built or merged: per metric the minimum and maximum (with the time of the reading that had
 * it; among equal values the earliest time, so merging in any order gives the same row), the sum and the count; the
 * number of readings; the energy of the bucket from counter deltas and from integrated power.
 *
 * <p>Every part is a sum or a min/max, so the row of a bucket does not depend on the order its readings arrived in:
 * merging the rows of two disjoint sets of readings gives the row of their union.
 */
final class RollupBucket {
    static final int METRICS = Metric.values().length;

    final int device;
    final long bucket;
    long readings;
    final double[] min = new double[METRICS];
    final long[] minTs = new long[METRICS];
    final double[] max = new double[METRICS];
    final long[] maxTs = new long[METRICS];
    final double[] sum = new double[METRICS];
    final long[] count = new long[METRICS];
    double counterKwh;
    long counterMs;
    double integratedKwh;
    long integratedMs;

    RollupBucket(int device, long bucket) {
        this.device = device;
        this.bucket = bucket;
    }

    /** A reading's values, indexed by {@link Metric#ordinal()} (null = absent). */
    void addReading(long ts, Double[] values) {
        readings++;
        for (int m = 0; m < METRICS; m++) {
            Double v = values[m];
            if (v != null) {
                add(m, v, ts, v, ts, v, 1);
            }
        }
    }

    /** Folds another row of the same bucket into this one. */
    void merge(RollupBucket o) {
        readings += o.readings;
        for (int m = 0; m < METRICS; m++) {
            if (o.count[m] > 0) {
                add(m, o.min[m], o.minTs[m], o.max[m], o.maxTs[m], o.sum[m], o.count[m]);
            }
        }
        counterKwh += o.counterKwh;
        counterMs += o.counterMs;
        integratedKwh += o.integratedKwh;
        integratedMs += o.integratedMs;
    }

    private void add(int m, double mn, long mnTs, double mx, long mxTs, double s, long n) {
        if (count[m] == 0) {
            min[m] = mn;
            minTs[m] = mnTs;
            max[m] = mx;
            maxTs[m] = mxTs;
            sum[m] = s;
            count[m] = n;
            return;
        }
        if (mn < min[m] || (mn == min[m] && mnTs < minTs[m])) {
            min[m] = mn;
            minTs[m] = mnTs;
        }
        if (mx > max[m] || (mx == max[m] && mxTs < maxTs[m])) {
            max[m] = mx;
            maxTs[m] = mxTs;
        }
        sum[m] += s;
        count[m] += n;
    }

    RollupBucket copy() {
        RollupBucket c = new RollupBucket(device, bucket);
        c.merge(this);
        return c;
    }

    long key() {
        return ReadingKey.of(device, bucket);
    }
}
