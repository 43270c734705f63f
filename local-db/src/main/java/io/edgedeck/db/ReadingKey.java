package io.edgedeck.db;

/**
 * The reading table's primary key {@code k}: one BIGINT holding the device's surrogate id and the reading's time.
 * Because it is a single BIGINT column, H2 uses it as the row key itself — one B-tree per table instead of a row map
 * keyed by a hidden row id plus a separate (device, ts) index — and a device's readings in a time range are one
 * contiguous key range, in (device, time) order.
 *
 * <p>Layout: {@code k = device << 43 | ts}. Bit 63 (sign) is always 0; bits 62–43 hold the device id
 * (20 bits: 0 … {@value #MAX_DEVICE}); bits 42–0 the time in UTC epoch milliseconds (43 bits: 0 … {@value #MAX_TIME},
 * i.e. 1970-01-01T00:00:00.000Z … 2248-09-26T15:10:22.207Z). Keys order like (device, ts), and every key of
 * device {@code d} lies in [{@code d << 43}, {@code (d + 1) << 43}).
 */
final class ReadingKey {
    static final int TIME_BITS = 43;
    static final long MAX_TIME = (1L << TIME_BITS) - 1;
    static final int MAX_DEVICE = (1 << (63 - TIME_BITS)) - 1;

    private ReadingKey() {
    }

    /** Whether a reading at this time can be stored. */
    static boolean storable(long ts) {
        return ts >= 0 && ts <= MAX_TIME;
    }

    static long of(int device, long ts) {
        if (device < 0 || device > MAX_DEVICE) {
            throw new IllegalArgumentException("device id out of range: " + device);
        }
        if (!storable(ts)) {
            throw new IllegalArgumentException("time out of range: " + ts);
        }
        return (long) device << TIME_BITS | ts;
    }

    static int device(long k) {
        return (int) (k >>> TIME_BITS);
    }

    static long time(long k) {
        return k & MAX_TIME;
    }

    /**
     * The first key of {@code device} at or after time {@code t} (any long: times before 1970 give the device's first
     * key, times after {@link #MAX_TIME} the first key of the next device). [{@code lower(d, from)},
     * {@code lower(d, to)}) is the key range of the device's readings in [from, to).
     */
    static long lower(int device, long t) {
        long clamped = Math.max(0, Math.min(t, MAX_TIME + 1));
        return ((long) device << TIME_BITS) + clamped;
    }
}
