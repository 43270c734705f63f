package io.edgedeck.db;

import static io.edgedeck.db.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rollups against the raw rows they summarise, on a real H2 file. */
class RollupTest {
    @TempDir
    Path dir;
    LocalStore store;

    @BeforeEach
    void open() {
        store = LocalStore.open(dir.resolve("edgedeck"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void randomReadingsDeliveredOutOfOrderAndTwiceGiveTheRollupsOfTheStoredRows() throws SQLException {
        Random rnd = new Random(42);
        List<Reading> all = new ArrayList<>();
        for (String device : List.of("plug-a", "plug-b", "sensor-c")) {
            all.addAll(randomSeries(rnd, device, 6_000));
        }
        // shuffle in blocks (mostly in order, some late blocks), redeliver ~10 % with other values, random batch sizes
        List<Reading> delivery = new ArrayList<>();
        List<List<Reading>> blocks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 50) {
            blocks.add(all.subList(i, Math.min(all.size(), i + 50)));
        }
        for (int i = 0; i < blocks.size(); i++) {
            int j = rnd.nextInt(10) == 0 ? rnd.nextInt(i + 1) : i; // a late block now and then
            Collections.swap(blocks, i, j);
        }
        blocks.forEach(delivery::addAll);
        for (int i = 0; i < all.size() / 10; i++) {
            Reading r = all.get(rnd.nextInt(all.size()));
            Map<Metric, Double> other = new EnumMap<>(Metric.class);
            r.values().forEach((m, v) -> other.put(m, v + 1000)); // a redelivery must not change anything
            delivery.add(rnd.nextInt(delivery.size()), new Reading(r.deviceId(), r.kind(), r.epochMillis(), other));
        }
        int stored = 0;
        for (int i = 0; i < delivery.size(); ) {
            int n = 1 + rnd.nextInt(400);
            List<Reading> batch = delivery.subList(i, Math.min(delivery.size(), i + n));
            stored += store.writer().commit(IngestBatch.of(batch)).readingsStored();
            i += n;
        }
        assertThat(store.readings().count()).isEqualTo(stored);

        assertRollupsMatchRaw();
    }

    @Test
    void aLateReadingInsideAnIntervalSplitsItsEnergyInsteadOfAddingToIt() throws SQLException {
        store.writer().commit(IngestBatch.of(List.of(plug(T0, 100, 1.0), plug(T0 + 2000, 200, 1.5))));
        assertThat(integratedKwh(Resolution.MINUTE)).isCloseTo(100.0 * 2000 / 3.6e9, within(1e-15));
        assertThat(counterKwh(Resolution.MINUTE)).isCloseTo(0.5, within(1e-12));

        store.writer().commit(IngestBatch.of(List.of(plug(T0 + 1000, 50, 1.2))));
        assertThat(integratedKwh(Resolution.MINUTE)).isCloseTo((100.0 * 1000 + 50.0 * 1000) / 3.6e9, within(1e-15));
        assertThat(counterKwh(Resolution.MINUTE)).isCloseTo(0.5, within(1e-12)); // 0.2 + 0.3, not 0.5 + 0.3

        // redelivered: nothing changes
        store.writer().commit(IngestBatch.of(List.of(plug(T0 + 1000, 5000, 9.0), plug(T0 + 2000, 7, 0.1))));
        assertThat(integratedKwh(Resolution.HOUR)).isCloseTo((100.0 * 1000 + 50.0 * 1000) / 3.6e9, within(1e-15));
        assertThat(counterKwh(Resolution.DAY)).isCloseTo(0.5, within(1e-12));
        assertRollupsMatchRaw();
    }

    @Test
    void aGapLongerThanTenMinutesIsNotIntegratedButTheCounterDeltaCounts() throws SQLException {
        store.writer().commit(IngestBatch.of(List.of(plug(T0, 100, 1.0), plug(T0 + 11 * 60_000, 100, 1.2))));
        assertThat(integratedKwh(Resolution.HOUR)).isZero();
        assertThat(counterKwh(Resolution.HOUR)).isCloseTo(0.2, within(1e-12));
        // a counter that restarted from zero: its new value is what it counted since
        store.writer().commit(IngestBatch.of(List.of(plug(T0 + 12 * 60_000, 100, 0.05))));
        assertThat(counterKwh(Resolution.HOUR)).isCloseTo(0.25, within(1e-12));
    }

    @Test
    void rollupsOfReadingsStoredBeforeTheUpgradeAreBuiltAtOpen() throws SQLException {
        Random rnd = new Random(7);
        List<Reading> series = randomSeries(rnd, "plug-old", 3_000);
        store.writer().commit(IngestBatch.of(series));
        Map<Resolution, Map<Long, RollupBucket>> live = rollups();
        try (Connection c = store.readerConnection(); Statement s = c.createStatement()) {
            for (Resolution r : Resolution.ROLLUPS) {
                s.executeUpdate("DELETE FROM " + r.table());
            }
            s.executeUpdate("UPDATE history_state SET val = 0 WHERE name = 'rollups_built'"); // as V5 leaves it
        }
        store.close();
        store = LocalStore.open(dir.resolve("edgedeck"));
        Map<Resolution, Map<Long, RollupBucket>> rebuilt = rollups();
        for (Resolution r : Resolution.ROLLUPS) {
            assertThat(rebuilt.get(r).keySet()).isEqualTo(live.get(r).keySet()).isNotEmpty();
            live.get(r).forEach((k, b) -> assertSame(b, rebuilt.get(r).get(k)));
        }
        assertRollupsMatchRaw();
    }

    @Test
    void readingsGoingOnlyIntoTheRollupsMustBeNewerThanWhatTheDeviceHas() throws SQLException {
        int n = store.writer().commitRollupsOnly(List.of(plug(T0, 100, 1), plug(T0 + 1000, 300, 1.1)));
        assertThat(n).isEqualTo(2);
        assertThat(store.readings().count()).isZero();
        RollupBucket m = rollups().get(Resolution.MINUTE).values().iterator().next();
        assertThat(m.readings).isEqualTo(2);
        assertThat(m.max[Metric.POWER.ordinal()]).isEqualTo(300);
        assertThat(m.maxTs[Metric.POWER.ordinal()]).isEqualTo(T0 + 1000);
        assertThatThrownBy(() -> store.writer().commitRollupsOnly(List.of(plug(T0 + 500, 1, 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not newer");
        // raw readings afterwards continue from there
        store.writer().commit(IngestBatch.of(List.of(plug(T0 + 2000, 10, 1.3))));
        assertThat(rollups().get(Resolution.MINUTE).values().iterator().next().readings).isEqualTo(3);
        assertThat(counterKwh(Resolution.MINUTE)).isCloseTo(0.3, within(1e-12));
    }

    @Test
    void energyOfIntervalsAcrossHourEdgesIsSplitSoEachHourHoldsTheExactIntegral() throws SQLException {
        // readings every 7 min 13 s from 25 min before an hour edge, power changing each time, counter rising
        long hour = 3_600_000L;
        long h0 = Math.floorDiv(T0, hour) * hour + 10 * hour;
        List<Reading> rs = new ArrayList<>();
        double counter = 5;
        for (long ts = h0 - 25 * 60_000L; ts < h0 + 3 * hour; ts += 433_000L) {
            double power = 50 + (ts / 433_000L % 7) * 40;
            counter += 0.01 + (ts / 433_000L % 3) * 0.02;
            rs.add(plug(ts, power, counter));
        }
        store.writer().commit(IngestBatch.of(rs.subList(0, 9)));
        store.writer().commit(IngestBatch.of(rs.subList(9, rs.size()))); // a commit boundary inside an interval
        Map<Long, RollupBucket> hours = rollups().get(Resolution.HOUR);
        for (long h = h0; h < h0 + 2 * hour; h += hour) {
            // exact: the step function of power integrated second by second; the counter linearly interpolated
            double integral = 0;
            for (long s = h; s < h + hour; s += 1000) {
                Reading last = null;
                for (Reading r : rs) {
                    if (r.epochMillis() <= s) {
                        last = r;
                    }
                }
                integral += last.values().get(Metric.POWER) * 1000 / 3.6e9;
            }
            long edge = h;
            RollupBucket b = hours.values().stream().filter(x -> x.bucket == edge).findFirst().orElseThrow();
            assertThat(b.integratedKwh).as("hour " + Instant.ofEpochMilli(h)).isCloseTo(integral, within(1e-12));
            assertThat(b.integratedMs).isEqualTo(hour);
            assertThat(b.counterKwh).isCloseTo(interpolated(rs, h + hour) - interpolated(rs, h), within(1e-12));
            assertThat(b.counterMs).isEqualTo(hour);
        }
        // the hours' shares add up to the whole: nothing lost or counted twice at the edges
        double all = hours.values().stream().mapToDouble(b -> b.counterKwh).sum();
        assertThat(all).isCloseTo(counter - 5 - 0.01 - (rs.getFirst().epochMillis() / 433_000L % 3) * 0.02,
                within(1e-12));
        assertRollupsMatchRaw();
    }

    private static double interpolated(List<Reading> rs, long t) {
        for (int i = 1; i < rs.size(); i++) {
            Reading a = rs.get(i - 1);
            Reading b = rs.get(i);
            if (b.epochMillis() >= t) {
                double ea = a.values().get(Metric.ENERGY);
                double eb = b.values().get(Metric.ENERGY);
                return ea + (eb - ea) * (t - a.epochMillis()) / (b.epochMillis() - a.epochMillis());
            }
        }
        throw new IllegalArgumentException("after the last reading");
    }

    // ---- the oracle: rollups recomputed from the raw rows, independently of the writer's code

    private void assertRollupsMatchRaw() throws SQLException {
        Map<Resolution, Map<Long, RollupBucket>> actual = rollups();
        try (Connection c = store.readerConnection()) {
            for (Resolution r : Resolution.ROLLUPS) {
                Map<Long, RollupBucket> expected = sqlAggregate(c, r);
                energyFromRaw(c, r, expected);
                assertThat(actual.get(r).keySet()).as(r.label() + " buckets").isEqualTo(expected.keySet());
                expected.forEach((k, e) -> assertSame(e, actual.get(r).get(k)));
            }
        }
    }

    private static void assertSame(RollupBucket e, RollupBucket a) {
        String where = "bucket " + Instant.ofEpochMilli(e.bucket) + " of device " + e.device;
        assertThat(a.readings).as(where + " readings").isEqualTo(e.readings);
        for (Metric m : Metric.values()) {
            int i = m.ordinal();
            assertThat(a.count[i]).as(where + " " + m + " count").isEqualTo(e.count[i]);
            if (e.count[i] > 0) {
                assertThat(a.min[i]).as(where + " " + m + " min").isEqualTo(e.min[i]);
                assertThat(a.minTs[i]).as(where + " " + m + " min time").isEqualTo(e.minTs[i]);
                assertThat(a.max[i]).as(where + " " + m + " max").isEqualTo(e.max[i]);
                assertThat(a.maxTs[i]).as(where + " " + m + " max time").isEqualTo(e.maxTs[i]);
                assertThat(a.sum[i]).as(where + " " + m + " sum").isCloseTo(e.sum[i], within(1e-9 * Math.abs(e.sum[i]) + 1e-9));
            }
        }
        assertThat(a.integratedKwh).as(where + " integrated kWh").isCloseTo(e.integratedKwh, within(1e-12));
        assertThat(a.integratedMs).as(where + " integrated ms").isEqualTo(e.integratedMs);
        assertThat(a.counterKwh).as(where + " counter kWh").isCloseTo(e.counterKwh, within(1e-9));
        assertThat(a.counterMs).as(where + " counter ms").isEqualTo(e.counterMs);
    }

    /** Per bucket, from the raw rows in SQL: readings, and per metric MIN/MAX (with the earliest time), SUM, COUNT. */
    private static Map<Long, RollupBucket> sqlAggregate(Connection c, Resolution r) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT device, ts - MOD(ts, " + r.bucketMillis() + ") AS b, COUNT(*)");
        for (Metric m : Metric.values()) {
            String k = m.key();
            String only = " FILTER (WHERE " + k + " IS NOT NULL)";
            sql.append(", (MIN((").append(k).append(", ts))").append(only).append(").C1, (MIN((").append(k)
                    .append(", ts))").append(only).append(").C2")
                    .append(", (MAX((").append(k).append(", -ts))").append(only).append(").C1, (MAX((").append(k)
                    .append(", -ts))").append(only).append(").C2")
                    .append(", SUM(").append(k).append("), COUNT(").append(k).append(")");
        }
        sql.append(" FROM reading GROUP BY device, b");
        Map<Long, RollupBucket> out = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql.toString())) {
            while (rs.next()) {
                RollupBucket b = new RollupBucket(rs.getInt(1), rs.getLong(2));
                b.readings = rs.getLong(3);
                int col = 4;
                for (Metric m : Metric.values()) {
                    int i = m.ordinal();
                    b.count[i] = rs.getLong(col + 5);
                    if (b.count[i] > 0) {
                        b.min[i] = rs.getDouble(col);
                        b.minTs[i] = rs.getLong(col + 1);
                        b.max[i] = rs.getDouble(col + 2);
                        b.maxTs[i] = -rs.getLong(col + 3);
                        b.sum[i] = rs.getDouble(col + 4);
                    }
                    col += 6;
                }
                out.put(b.key(), b);
            }
        }
        return out;
    }

    /** Energy per bucket straight from the definition, walking each device's raw rows in time order. */
    private static void energyFromRaw(Connection c, Resolution r, Map<Long, RollupBucket> buckets) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT device, ts, power, energy FROM reading ORDER BY k")) {
            int device = -1;
            long pTs = -1;
            double p = 0;
            long eTs = -1;
            double e = 0;
            while (rs.next()) {
                if (rs.getInt(1) != device) {
                    device = rs.getInt(1);
                    pTs = -1;
                    eTs = -1;
                }
                long ts = rs.getLong(2);
                double power = rs.getDouble(3);
                if (!rs.wasNull()) {
                    if (pTs >= 0 && ts - pTs <= 600_000) {
                        // split over the buckets the interval crosses, millisecond by bucket edge
                        for (long at = pTs; at < ts; ) {
                            long edge = Math.min(ts, r.bucketStart(at) + r.bucketMillis());
                            RollupBucket b = buckets.computeIfAbsent(ReadingKey.of(device, r.bucketStart(at)),
                                    k -> new RollupBucket(ReadingKey.device(k), ReadingKey.time(k)));
                            b.integratedKwh += p * (edge - at) / 3.6e9;
                            b.integratedMs += edge - at;
                            at = edge;
                        }
                    }
                    pTs = ts;
                    p = power;
                }
                double energy = rs.getDouble(4);
                if (!rs.wasNull()) {
                    if (eTs >= 0) {
                        double delta = energy >= e ? energy - e : energy;
                        if (ts - eTs > 600_000) {
                            RollupBucket b = buckets.get(ReadingKey.of(device, r.bucketStart(ts)));
                            b.counterKwh += delta;
                            b.counterMs += ts - eTs;
                        }
                        for (long at = eTs; at < ts && ts - eTs <= 600_000; ) {
                            long edge = Math.min(ts, r.bucketStart(at) + r.bucketMillis());
                            RollupBucket b = buckets.computeIfAbsent(ReadingKey.of(device, r.bucketStart(at)),
                                    k -> new RollupBucket(ReadingKey.device(k), ReadingKey.time(k)));
                            b.counterKwh += delta * (edge - at) / (ts - eTs);
                            b.counterMs += edge - at;
                            at = edge;
                        }
                    }
                    eTs = ts;
                    e = energy;
                }
            }
        }
    }

    private Map<Resolution, Map<Long, RollupBucket>> rollups() throws SQLException {
        Map<Resolution, Map<Long, RollupBucket>> out = new EnumMap<>(Resolution.class);
        try (Connection c = store.readerConnection(); Statement s = c.createStatement()) {
            for (Resolution r : Resolution.ROLLUPS) {
                Map<Long, RollupBucket> rows = new TreeMap<>();
                try (ResultSet rs = s.executeQuery("SELECT " + RollupRows.COLUMNS + " FROM " + r.table())) {
                    while (rs.next()) {
                        RollupBucket b = RollupRows.read(rs);
                        rows.put(b.key(), b);
                    }
                }
                out.put(r, rows);
            }
        }
        return out;
    }

    private double integratedKwh(Resolution r) throws SQLException {
        return rollups().get(r).values().stream().mapToDouble(b -> b.integratedKwh).sum();
    }

    private double counterKwh(Resolution r) throws SQLException {
        return rollups().get(r).values().stream().mapToDouble(b -> b.counterKwh).sum();
    }

    static Reading plug(long ts, double power, double energyKwh) {
        return new Reading("plug", DeviceKind.PLUG, ts, Map.of(Metric.POWER, power, Metric.ENERGY, energyKwh,
                Metric.VOLTAGE, 230.0));
    }

    /**
     * n readings with irregular gaps (mostly 1–20 s, now and then over 10 minutes), spanning days; plugs carry power
     * (sometimes missing), voltage and an energy counter that restarts now and then; sensors temperature and humidity.
     */
    static List<Reading> randomSeries(Random rnd, String device, int n) {
        boolean plug = device.startsWith("plug");
        List<Reading> out = new ArrayList<>(n);
        long ts = T0 + rnd.nextInt(100_000);
        double counter = rnd.nextDouble() * 10;
        for (int i = 0; i < n; i++) {
            ts += rnd.nextInt(50) == 0 ? 600_000 + rnd.nextInt(4_000_000) : 1 + rnd.nextInt(20_000);
            Map<Metric, Double> v = new EnumMap<>(Metric.class);
            if (plug) {
                if (rnd.nextInt(8) != 0) {
                    v.put(Metric.POWER, rnd.nextInt(20) == 0 ? 2000 + rnd.nextDouble() * 1000 : rnd.nextDouble() * 150);
                }
                v.put(Metric.VOLTAGE, 220.0 + rnd.nextInt(20)); // integers: equal values test the earliest-time rule
                counter = rnd.nextInt(500) == 0 ? rnd.nextDouble() * 0.01 : counter + rnd.nextDouble() * 0.001;
                if (rnd.nextInt(10) != 0) {
                    v.put(Metric.ENERGY, counter);
                }
            } else {
                v.put(Metric.TEMPERATURE, 15 + rnd.nextDouble() * 10);
                v.put(Metric.HUMIDITY, (double) (40 + rnd.nextInt(10)));
            }
            out.add(new Reading(device, plug ? DeviceKind.PLUG : DeviceKind.SENSOR, ts, v));
        }
        return out;
    }
}
