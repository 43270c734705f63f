package io.edgedeck.db;

import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Read side of the reading table. */
public final class ReadingQueries {
    /** The newest reading of a device that has the given metric. */
    public Optional<Reading> latest(String deviceId, Metric metric) {
        throw new UnsupportedOperationException("TODO local-db");
    }

    /**
     * One metric of one device over [from, to), at most {@code maxPoints} points: when the range holds more raw
     * readings, they are reduced per time bucket to the bucket's minimum and maximum (in time order), so spikes stay
     * visible.
     */
    public List<SeriesPoint> series(String deviceId, Metric metric, Instant from, Instant to, int maxPoints) {
        throw new UnsupportedOperationException("TODO local-db");
    }

    /** Raw readings of a device in [from, to), oldest first. */
    public List<Reading> raw(String deviceId, Instant from, Instant to) {
        throw new UnsupportedOperationException("TODO local-db");
    }

    /**
     * Writes the device's readings in [from, to) as CSV: a header row {@code time,device,voltage,...} (ISO-8601 UTC
     * times, one column per metric, empty where absent), streamed, oldest first. Returns the number of data rows.
     */
    public long exportCsv(String deviceId, Instant from, Instant to, Writer out) {
        throw new UnsupportedOperationException("TODO local-db");
    }

    /** Number of stored readings. */
    public long count() {
        throw new UnsupportedOperationException("TODO local-db");
    }
}
