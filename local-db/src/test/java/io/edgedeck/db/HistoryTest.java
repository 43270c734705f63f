package io.edgedeck.db;

import static io.edgedeck.db.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tiered history query, retention and rollup export, on a real H2 file. */
class HistoryTest {
    static final long DAY = 86_400_000L;
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

    static Instant at(long millis) {
        return Instant.ofEpochMilli(millis);
    }

    /** One reading a minute over {@code days} days from T0 (power 100 ± 10), plus a one-second spike and dip. */
    private void fillMinutes(int days, long spikeTs, long dipTs) {
        List<Reading> rs = new ArrayList<>();
        for (long ts = T0; ts < T0 + days * DAY; ts += 60_000) {
            rs.add(Fixtures.plug("p", ts, 100 + 10 * Math.sin(ts / 3.6e6)));
            if (rs.size() == 20_000) {
                store.writer().commit(IngestBatch.of(rs));
                rs.clear();
            }
        }
        rs.add(Fixtures.plug("p", spikeTs, 3500));
        rs.add(Fixtures.plug("p", dipTs, -40));
        store.writer().commit(IngestBatch.of(rs));
    }

    @Test
    void theCoarsestResolutionWithAPointPerPixelIsChosen() {
        assertThat(HistoryQuery.choose(0, 365 * DAY, 1600)).isEqualTo(Resolution.HOUR);
        assertThat(HistoryQuery.choose(0, 30 * DAY, 1600)).isEqualTo(Resolution.MINUTE);
        assertThat(HistoryQuery.choose(0, 7 * DAY, 1600)).isEqualTo(Resolution.MINUTE);
        assertThat(HistoryQuery.choose(0, DAY, 1600)).isEqualTo(Resolution.RAW);
        assertThat(HistoryQuery.choose(0, 3600_000, 1600)).isEqualTo(Resolution.RAW);
        assertThat(HistoryQuery.choose(0, 5 * 365 * DAY, 1600)).isEqualTo(Resolution.DAY);
        assertThat(HistoryQuery.choose(0, 5 * 365 * DAY, 5000)).isEqualTo(Resolution.HOUR);
    }

    @Test
    void aOneSecondSpikeSurvivesAYearLongQueryAtItsRealTimeAndHeight() {
        long spike = T0 + 200 * DAY + 12_345_678;
        long dip = T0 + 300 * DAY + 1_000;
        fillMinutes(366, spike, dip);

        HistorySeries year = store.readings().history("p", Metric.POWER, at(T0), at(T0 + 366 * DAY), 1600);

        assertThat(year.resolution()).isEqualTo(Resolution.HOUR);
        assertThat(year.spans()).extracting(HistorySeries.Span::resolution).containsExactly(Resolution.HOUR);
        assertThat(year.points()).hasSizeLessThanOrEqualTo(3200).hasSizeGreaterThan(1600);
        assertThat(year.points()).contains(new SeriesPoint(spike, 3500), new SeriesPoint(dip, -40));
        assertThat(year.points()).isSortedAccordingTo((a, b) -> Long.compare(a.epochMillis(), b.epochMillis()));

        HistorySeries day = store.readings().history("p", Metric.POWER, at(spike - DAY / 2), at(spike + DAY / 2), 1600);
        assertThat(day.resolution()).isEqualTo(Resolution.RAW);
        assertThat(day.points()).contains(new SeriesPoint(spike, 3500)).hasSize(1441); // every minute + the spike
    }

    @Test
    void partsPastARetentionTierComeFromTheNextCoarserOne() {
        long spike = T0 + 3 * DAY + 5_000;
        fillMinutes(40, spike, T0 + 39 * DAY + 7_000);
        Instant now = at(T0 + 40 * DAY);
        Retention.Run run = store.retention().runOnce(RetentionPolicy.DEFAULT, now);
        assertThat(run.deleted().get(Resolution.RAW)).isPositive();
        assertThat(run.deleted().get(Resolution.MINUTE)).isPositive();

        // 30 days → 1-minute rollups; what is older than their 30 days comes from 1-hour ones
        HistorySeries month = store.readings().history("p", Metric.POWER, at(T0), at(T0 + 35 * DAY), 1600);
        assertThat(month.resolution()).isEqualTo(Resolution.MINUTE);
        assertThat(month.spans()).extracting(HistorySeries.Span::resolution)
                .containsExactly(Resolution.HOUR, Resolution.MINUTE);
        assertThat(month.spans().getFirst().to()).isEqualTo(at(T0 + 10 * DAY)); // 40 d − 30 d, a minute boundary
        assertThat(month.points()).contains(new SeriesPoint(spike, 3500));

        // one hour 20 days ago: raw is gone (7 days), 1-minute rollups answer
        HistorySeries hour = store.readings().history("p", Metric.POWER, at(T0 + 20 * DAY), at(T0 + 20 * DAY + 3_600_000), 1600);
        assertThat(hour.resolution()).isEqualTo(Resolution.RAW);
        assertThat(hour.spans()).extracting(HistorySeries.Span::resolution).containsExactly(Resolution.MINUTE);
        assertThat(hour.points()).hasSize(60);
        // the last hour is still raw
        HistorySeries recent = store.readings().history("p", Metric.POWER, at(T0 + 39 * DAY), at(T0 + 40 * DAY), 1600);
        assertThat(recent.spans()).extracting(HistorySeries.Span::resolution).containsExactly(Resolution.RAW);
        assertThat(recent.points()).contains(new SeriesPoint(T0 + 39 * DAY + 7_000, -40));
    }

    @Test
    void retentionDeletesExactlyWhatIsPastEachTier() throws SQLException {
        // two devices, a reading every 10 minutes over 400 days
        List<Reading> rs = new ArrayList<>();
        long end = T0 + 400 * DAY;
        for (long ts = T0; ts < end; ts += 600_000) {
            rs.add(Fixtures.plug("a", ts, 1));
            rs.add(Fixtures.sensor("b", ts + 1, 20, 50));
        }
        store.writer().commit(IngestBatch.of(rs));
        Map<Resolution, Long> before = counts();
        Instant now = at(end + 1234);
        Map<Resolution, Long> expected = new EnumMap<>(Resolution.class);
        for (Resolution r : Resolution.values()) {
            long cutoff = now.minus(RetentionPolicy.DEFAULT.keep(r)).toEpochMilli();
            expected.put(r, count(r, r == Resolution.RAW
                    ? "ts >= " + cutoff
                    : "bucket + " + r.bucketMillis() + " > " + cutoff));
        }
        assertThat(expected.get(Resolution.RAW)).isLessThan(before.get(Resolution.RAW)).isPositive();

        Retention.Run run = store.retention().runOnce(RetentionPolicy.DEFAULT, now);

        Map<Resolution, Long> after = counts();
        assertThat(after).isEqualTo(expected);
        for (Resolution r : Resolution.values()) {
            assertThat(run.deleted().get(r)).as(r.label()).isEqualTo(before.get(r) - after.get(r));
        }
        assertThat(run.batches()).isGreaterThan(2 * 4); // several small batches, at least one per device and tier
        // nothing is left that is past its tier, and a second run has nothing to do
        assertThat(store.retention().runOnce(RetentionPolicy.DEFAULT, now).total()).isZero();
        // ingest goes on, and the 1-day rollups of the deleted raw readings are still there
        store.writer().commit(IngestBatch.of(List.of(Fixtures.plug("a", end + 5000, 1))));
        assertThat(count(Resolution.DAY, "bucket < " + (end - 8 * DAY))).isPositive();
    }

    @Test
    void retentionDeletesInSmallKeyRangeBatchesAndLetsCommitsInBetween() throws Exception {
        // a day of 1 Hz readings of one plug; raw kept 2 hours → ~80,000 rows to delete
        for (int h = 0; h < 24; h++) {
            store.writer().commit(IngestBatch.of(Fixtures.plugSeries("a", T0 + h * 3_600_000L, 3600)));
        }
        RetentionPolicy twoHours = new RetentionPolicy(Duration.ofHours(2), Duration.ofDays(30), Duration.ofDays(365),
                Duration.ofDays(1825));
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger during = new java.util.concurrent.atomic.AtomicInteger();
        Thread writer = new Thread(() -> {
            long ts = T0 + 24 * 3_600_000L;
            while (!done.get()) {
                store.writer().commit(IngestBatch.of(List.of(Fixtures.plug("b", ts, 5))));
                ts += 1000;
                if (!done.get()) {
                    during.incrementAndGet();
                }
            }
        });
        writer.start();
        Retention.Run run;
        try {
            run = store.retention().runOnce(twoHours, at(T0 + 24 * 3_600_000L));
        } finally {
            done.set(true);
            writer.join();
        }
        assertThat(run.deleted().get(Resolution.RAW)).isEqualTo(22 * 3600L);
        assertThat(run.batches()).as("batches of about " + Retention.TARGET_ROWS + " rows")
                .isGreaterThan((int) (22 * 3600L / (4 * Retention.TARGET_ROWS)));
        assertThat(during.get()).as("commits that went in while retention ran").isGreaterThan(run.batches() / 4);
        assertThat(countOf("a")).isEqualTo(2 * 3600L); // exactly the last two hours are left
        assertThat(countOf("b")).isGreaterThanOrEqualTo(during.get()); // every commit in between was stored
    }

    private long countOf(String device) {
        return store.readings().raw(device, at(0), at(T0 + 400 * DAY)).size();
    }

    @Test
    void retentionStopsAtItsBudgetAndTheNextRunGoesOn() {
        store.writer().commit(IngestBatch.of(Fixtures.plugSeries("a", T0, 10 * 3600)));
        RetentionPolicy shortRaw = new RetentionPolicy(Duration.ofHours(2), Duration.ofDays(30), Duration.ofDays(365),
                Duration.ofDays(1825));
        Instant now = at(T0 + 10 * 3_600_000L);
        Retention.Run cut = store.retention().runOnce(shortRaw, now, Duration.ZERO);
        assertThat(cut.complete()).isFalse();
        assertThat(cut.total()).isLessThan(8 * 3600L);
        // the watermark moved all the same: the old part is answered from the 1-minute rollups
        HistorySeries old = store.readings().history("a", Metric.POWER, at(T0), at(T0 + 3_600_000L), 1000);
        assertThat(old.spans()).extracting(HistorySeries.Span::resolution).containsExactly(Resolution.MINUTE);

        Retention.Run rest = store.retention().runOnce(shortRaw, now, Duration.ofMinutes(5));
        assertThat(rest.complete()).isTrue();
        assertThat(cut.total() + rest.total()).isEqualTo(8 * 3600L);
        assertThat(store.readings().count()).isEqualTo(2 * 3600);
    }

    @Test
    void retentionRespectsAConfiguredPolicy() throws SQLException {
        store.writer().commit(IngestBatch.of(Fixtures.plugSeries("a", T0, 10 * 3600)));
        RetentionPolicy shortRaw = new RetentionPolicy(Duration.ofHours(2), Duration.ofDays(30), Duration.ofDays(365),
                Duration.ofDays(1825));
        store.retention().runOnce(shortRaw, at(T0 + 10 * 3_600_000L));
        assertThat(store.readings().count()).isEqualTo(2 * 3600);
        assertThat(count(Resolution.MINUTE, "TRUE")).isEqualTo(600);
    }

    @Test
    void rollupCsvHasMinMaxMeanAndCountPerMetric() {
        List<Reading> rs = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            rs.add(new Reading("p", DeviceKind.PLUG, T0 + i * 1000L, Map.of(Metric.POWER, (double) i,
                    Metric.ENERGY, 1 + i * 0.001)));
        }
        store.writer().commit(IngestBatch.of(rs));
        StringWriter out = new StringWriter();
        long rows = store.readings().exportCsv("p", at(T0), at(T0 + 120_000), Resolution.MINUTE, out);
        assertThat(rows).isEqualTo(2);
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.getFirst()).startsWith("time,device,resolution,readings,voltage_min,voltage_max,voltage_mean,"
                + "voltage_count,current_min").endsWith(",energy_counter_kwh,energy_integrated_kwh");
        String[] f = lines.get(1).split(",", -1);
        assertThat(f).hasSize(4 + 7 * 4 + 2);
        assertThat(List.of(f).subList(0, 12)).containsExactly("2024-11-25T16:00:00.000Z", "p", "1m", "60",
                "", "", "", "0", "", "", "", "0"); // no voltage, no current
        assertThat(List.of(f).subList(12, 16)).containsExactly("0", "59", "29.5", "60"); // power min, max, mean, count
        assertThat(f[16]).isEqualTo("1");
        assertThat(Double.parseDouble(f[17])).isCloseTo(1.059, within(1e-12));
        assertThat(Double.parseDouble(f[18])).isCloseTo(1.0295, within(1e-12));
        assertThat(f[19]).isEqualTo("60");
        // counter deltas of the intervals 0 s → 59 s and 59 s → 60 s (which lies in this minute, up to its end)
        assertThat(Double.parseDouble(f[32])).as("counter kWh").isCloseTo(0.060, within(1e-12));
        assertThat(Double.parseDouble(f[33])).as("integrated kWh").isCloseTo(sumPower(0, 60) / 3.6e6, within(1e-15));
        StringWriter hours = new StringWriter();
        assertThat(store.readings().exportCsv("p", at(T0), at(T0 + 120_000), Resolution.HOUR, hours)).isEqualTo(1);
        assertThat(hours.toString().lines().skip(1).findFirst().orElseThrow()).startsWith("2024-11-25T16:00:00.000Z,p,1h,120,");
        StringWriter raw = new StringWriter();
        assertThat(store.readings().exportCsv("p", at(T0), at(T0 + 120_000), Resolution.RAW, raw)).isEqualTo(120);
    }

    /** W·s of power i held for 1 s each, for readings [from, to) (the last reading of a bucket holds into the next). */
    private static double sumPower(int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += i;
        }
        return s;
    }

    private Map<Resolution, Long> counts() throws SQLException {
        Map<Resolution, Long> out = new EnumMap<>(Resolution.class);
        for (Resolution r : Resolution.values()) {
            out.put(r, count(r, "TRUE"));
        }
        return out;
    }

    private long count(Resolution r, String where) throws SQLException {
        try (Connection c = store.readerConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + r.table() + " WHERE " + where)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
