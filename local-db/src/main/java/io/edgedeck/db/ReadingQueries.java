package io.edgedeck.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Read side of the reading table. Thread-safe; every call uses a pooled reader connection and sees the data of all
 * commits that returned before it started. Unknown devices simply have no readings.
 */
public final class ReadingQueries {
    private final StoreConnections db;
    private final DeviceCache cache;
    private final HistoryState history;
    private final String location;

    ReadingQueries(StoreConnections db, DeviceCache cache, HistoryState history, String location) {
        this.db = db;
        this.cache = cache;
        this.history = history;
        this.location = location;
    }

    /** The newest reading of a device that has the given metric (with all the values that reading carries). */
    public Optional<Reading> latest(String deviceId, Metric metric) {
        Objects.requireNonNull(metric, "metric");
        DeviceCache.Entry device = cache.get(deviceId);
        if (device == null) {
            return Optional.empty();
        }
        // the device's key range (ReadingKey) walked backwards from the newest, stopping at the first row with the metric
        String sql = "SELECT ts, " + ReadingRows.METRIC_COLUMNS + " FROM reading WHERE k >= ? AND k < ? AND "
                + metric.key() + " IS NOT NULL ORDER BY k DESC LIMIT 1";
        try (Connection c = db.reader(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, ReadingKey.lower(device.id(), Long.MIN_VALUE));
            ps.setLong(2, ReadingKey.lower(device.id(), Long.MAX_VALUE));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(reading(deviceId, device.kind(), rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw StoreErrors.readFailed(location, e);
        }
    }

    /**
     * One metric of one device over [from, to), at most {@code maxPoints} points: when the range holds more raw
     * readings, they are reduced per time bucket to the bucket's minimum and maximum (in time order), so spikes stay
     * visible.
     *
     * <p>Details: readings without the metric are skipped. When decimating, the range is first tightened to the
     * data inside it and cut into {@code maxPoints / 2} equal buckets; each bucket yields its minimum and its maximum
     * at their own timestamps (one point when they coincide).
     *
     * @param maxPoints at least 2
     */
    public List<SeriesPoint> series(String deviceId, Metric metric, Instant from, Instant to, int maxPoints) {
        Objects.requireNonNull(metric, "metric");
        if (maxPoints < 2) {
            throw new IllegalArgumentException("maxPoints must be at least 2, was " + maxPoints);
        }
        DeviceCache.Entry device = cache.get(deviceId);
        long f = Times.millis(from);
        long t = Times.millis(to);
        if (device == null || f >= t) {
            return List.of();
        }
        try (Connection c = db.reader()) {
            return SeriesQuery.run(c, device.id(), metric, f, t, maxPoints);
        } catch (SQLException e) {
            throw StoreErrors.readFailed(location, e);
        }
    }

    /**
     * One metric of one device over [from, to) for a chart {@code width} pixels wide, from the coarsest resolution
     * that still has at least one value per pixel (raw, 1-minute, 1-hour or 1-day rollups; a part past that
     * resolution's retention from a coarser one), reduced per pixel column to its minimum and maximum at their own
     * times, so spikes stay visible. At most {@code 2 × width} points; the result says which resolution answered.
     *
     * @param width at least 1
     */
    public HistorySeries history(String deviceId, Metric metric, Instant from, Instant to, int width) {
        Objects.requireNonNull(metric, "metric");
        if (width < 1) {
            throw new IllegalArgumentException("width must be at least 1 pixel, was " + width);
        }
        DeviceCache.Entry device = cache.get(deviceId);
        long f = Math.max(0, Times.millis(from));
        long t = Math.min(ReadingKey.MAX_TIME + 1, Times.millis(to));
        if (device == null || f >= t) {
            return new HistorySeries(List.of(), f >= t ? Resolution.RAW : HistoryQuery.choose(f, t, width), List.of());
        }
        try (Connection c = db.reader()) {
            return HistoryQuery.run(c, history, device.id(), metric, f, t, width);
        } catch (SQLException e) {
            throw StoreErrors.readFailed(location, e);
        }
    }

    /**
     * {@link #exportCsv(String, Instant, Instant, Writer)} at a resolution: RAW writes the readings; a rollup writes one
     * row per bucket starting in [from, to) (a bucket is included when it starts at or after the start of the bucket
     * holding {@code from}) with min, max, mean and count per metric and the bucket's energy. Returns the data rows.
     */
    public long exportCsv(String deviceId, Instant from, Instant to, Resolution resolution, Writer out) {
        Objects.requireNonNull(resolution, "resolution");
        if (resolution == Resolution.RAW) {
            return exportCsv(deviceId, from, to, out);
        }
        Objects.requireNonNull(out, "out");
        DeviceCache.Entry device = cache.get(deviceId);
        long f = Math.max(0, Times.millis(from));
        long t = Math.min(ReadingKey.MAX_TIME + 1, Times.millis(to));
        try (Connection c = db.reader()) {
            return RollupCsvExport.write(c, resolution, device == null || f >= t ? -1 : device.id(), deviceId, f, t, out);
        } catch (SQLException e) {
            throw StoreErrors.readFailed(location, e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the CSV export: " + e.getMessage(), e);
        }
    }

    /**
     * The energy of a device per hour ({@link Resolution#HOUR}) or day ({@link Resolution#DAY}) over the buckets
     * starting in [bucket of from, to), oldest first, from the rollups; buckets without readings are absent.
     */
    public List<EnergyBucket> energy(String deviceId, Resolution resolution, Instant from, Instant to) {
        if (resolution != Resolution.HOUR && resolution != Resolution.DAY) {
            throw new IllegalArgumentException("energy is read per hour or per day, not " + resolution.label());
        }
        DeviceCache.Entry device = cache.get(deviceId);
        long f = Math.max(0, Times.millis(from));
        long t = Math.min(ReadingKey.MAX_TIME + 1, Times.millis(to));
        if (device == null || f >= t) {
            return List.of();
        }
        try (Connection c = db.reader()) {
            return EnergyRows.read(c, resolution, device.id(), f, t);
        } catch (SQLException e) {
            throw StoreErrors.readFailed(location, e);
        }
    }

    /**
     * A device's energy over the buckets starting in [from, to) at the finest resolution retention kept: hourly
     * buckets, and daily ones for the UTC days that began before the hourly tier's watermark (those days' hours are
     * gone or going). Oldest first; the buckets' {@link EnergyBucket#lengthMillis()} tells which is which.
     */
    public List<EnergyBucket> energyKept(String deviceId, Instant from, Instant to) {
        DeviceCache.Entry device = cache.get(deviceId);
        long f = Math.max(0, Times.millis(from));
        long t = Math.min(ReadingKey.MAX_TIME + 1, Times.millis(to));
        if (device == null || f >= t) {
            return List.of();
        }
        long hoursFrom = dailyUntil(history.purgedBefore(Resolution.HOUR));
        try (Connection c = db.reader()) {
            List<EnergyBucket> out = new ArrayList<>();
            if (f < hoursFrom) {
                out.addAll(EnergyRows.read(c, Resolution.DAY, device.id(), f, Math.min(t, hoursFrom)));
            }
            if (t > hoursFrom) {
                out.addAll(EnergyRows.read(c, Resolution.HOUR, device.id(), Math.max(f, hoursFrom), t));
            }
            return out;
        } catch (SQLException e) {
            throw StoreErrors.readFailed(location, e);
        }
    }

    /** The start of the first UTC day whose hours are all kept, given the hourly tier's watermark (0: all kept). */
    static long dailyUntil(long hourWatermark) {
        if (hourWatermark <= 0) {
            return 0;
        }
        long day = Resolution.DAY.bucketStart(hourWatermark);
        return day == hourWatermark ? day : day + Resolution.DAY.bucketMillis();
    }

    /** Raw readings of a device in [from, to), oldest first. */
    public List<Reading> raw(String deviceId, Instant from, Instant to) {
        DeviceCache.Entry device = cache.get(deviceId);
        long f = Times.millis(from);
        long t = Times.millis(to);
        if (device == null || f >= t) {
            return List.of();
        }
        String sql = "SELECT ts, " + ReadingRows.METRIC_COLUMNS
                + " FROM reading WHERE k >= ? AND k < ? ORDER BY k";
        try (Connection c = db.reader(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, ReadingKey.lower(device.id(), f));
            ps.setLong(2, ReadingKey.lower(device.id(), t));
            List<Reading> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Reading r = readingOrNull(deviceId, device.kind(), rs);
                    if (r != null) {
                        out.add(r);
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            throw StoreErrors.readFailed(location, e);
        }
    }

    /**
     * Writes the device's readings in [from, to) as CSV: a header row {@code time,device,voltage,...} (ISO-8601 UTC
     * times, one column per metric, empty where absent), streamed, oldest first. Returns the number of data rows.
     *
     * <p>Times look like {@code 2024-11-25T16:00:00.000Z}; numbers are plain decimals ({@code 230.4}, {@code 1}).
     * An unknown device gives just the header. The writer is flushed, not closed.
     *
     * @throws UncheckedIOException when {@code out} fails
     */
    public long exportCsv(String deviceId, Instant from, Instant to, Writer out) {
        Objects.requireNonNull(out, "out");
        DeviceCache.Entry device = cache.get(deviceId);
        long f = Times.millis(from);
        long t = Times.millis(to);
        try (Connection c = db.reader()) {
            return CsvExport.write(c, device == null || f >= t ? -1 : device.id(), deviceId, f, t, out);
        } catch (SQLException e) {
            throw StoreErrors.readFailed(location, e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the CSV export: " + e.getMessage(), e);
        }
    }

    /** Number of stored readings. */
    public long count() {
        try (Connection c = db.reader();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM reading")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw StoreErrors.readFailed(location, e);
        }
    }

    private static Reading reading(String deviceId, DeviceKind kind, ResultSet rs) throws SQLException {
        Reading r = readingOrNull(deviceId, kind, rs);
        if (r == null) {
            throw new SQLException("reading row without values");
        }
        return r;
    }

    /** The row as a Reading; null for a row with no values at all (only non-finite values were sent). */
    private static Reading readingOrNull(String deviceId, DeviceKind kind, ResultSet rs) throws SQLException {
        Map<Metric, Double> values = ReadingMerger.toMap(ReadingRows.values(rs, 2));
        return values.isEmpty() ? null : new Reading(deviceId, kind, rs.getLong(1), values);
    }
}
