package io.edgedeck.db;

import static io.edgedeck.db.Fixtures.T0;
import static io.edgedeck.db.Fixtures.plug;
import static io.edgedeck.db.Fixtures.plugSeries;
import static io.edgedeck.db.Fixtures.sensor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadingQueriesTest {
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

    @Test
    void seriesOfALongRangeKeepsTheSpikesAndRespectsMaxPoints() {
        int n = 50_000;
        long spikeTs = T0 + 12_345 * 1000L;
        long dipTs = T0 + 40_001 * 1000L;
        List<Reading> readings = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long ts = T0 + i * 1000L;
            double power = 100 + 10 * Math.sin(i / 300.0);
            if (ts == spikeTs) {
                power = 3500; // a kettle
            } else if (ts == dipTs) {
                power = -40; // a measuring glitch
            }
            readings.add(plug("p", ts, power));
        }
        store.writer().commit(IngestBatch.of(readings));

        List<SeriesPoint> series = store.readings().series("p", Metric.POWER, at(T0), at(T0 + n * 1000L), 300);

        assertThat(series).hasSizeLessThanOrEqualTo(300).hasSizeGreaterThan(250);
        assertThat(series).contains(new SeriesPoint(spikeTs, 3500), new SeriesPoint(dipTs, -40));
        assertThat(series).extracting(SeriesPoint::epochMillis).isSorted().doesNotHaveDuplicates();
        assertThat(series).allSatisfy(p -> assertThat(p.epochMillis()).isBetween(T0, T0 + (n - 1) * 1000L));
        // the normal band is still there too
        assertThat(series).filteredOn(p -> p.value() > 109.9 && p.value() <= 110).isNotEmpty();
        assertThat(series).filteredOn(p -> p.value() < 90.1 && p.value() >= 90).isNotEmpty();
    }

    @Test
    void seriesReturnsTheRawPointsWhenThereAreFewAndHonoursTheHalfOpenRange() {
        store.writer().commit(IngestBatch.of(plugSeries("p", T0, 50)));

        List<SeriesPoint> all = store.readings().series("p", Metric.POWER, at(T0), at(T0 + 50_000), 2000);
        assertThat(all).hasSize(50);
        assertThat(all.get(7)).isEqualTo(new SeriesPoint(T0 + 7000, 7));

        List<SeriesPoint> part = store.readings().series("p", Metric.POWER, at(T0 + 10_000), at(T0 + 20_000), 2000);
        assertThat(part).extracting(SeriesPoint::value).containsExactly(10.0, 11.0, 12.0, 13.0, 14.0, 15.0, 16.0,
                17.0, 18.0, 19.0);
    }

    @Test
    void seriesSkipsReadingsWithoutTheMetric() {
        store.writer().commit(IngestBatch.of(List.of(
                new Reading("p", DeviceKind.PLUG, T0, Map.of(Metric.POWER, 5.0)),
                new Reading("p", DeviceKind.PLUG, T0 + 1, Map.of(Metric.RELAY, 1.0)),
                new Reading("p", DeviceKind.PLUG, T0 + 2, Map.of(Metric.POWER, 6.0)))));

        assertThat(store.readings().series("p", Metric.POWER, at(T0), at(T0 + 10), 100))
                .containsExactly(new SeriesPoint(T0, 5), new SeriesPoint(T0 + 2, 6));
        assertThat(store.readings().series("p", Metric.RELAY, at(T0), at(T0 + 10), 100))
                .containsExactly(new SeriesPoint(T0 + 1, 1));
        assertThat(store.readings().series("p", Metric.HUMIDITY, at(T0), at(T0 + 10), 100)).isEmpty();
    }

    @Test
    void seriesOfADecimatedFlatLineGivesOnePointPerBucket() {
        List<Reading> flat = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            flat.add(sensor("s", T0 + i * 60_000L, 21.0, 50));
        }
        store.writer().commit(IngestBatch.of(flat));

        List<SeriesPoint> s = store.readings().series("s", Metric.TEMPERATURE, Instant.EPOCH, Instant.MAX, 20);

        assertThat(s).hasSizeBetween(9, 10).allSatisfy(p -> assertThat(p.value()).isEqualTo(21.0));
        assertThat(s.getFirst().epochMillis()).isEqualTo(T0);
    }

    @Test
    void seriesOfAnUnknownDeviceOrEmptyRangeIsEmptyAndTooFewPointsIsRejected() {
        store.writer().commit(IngestBatch.of(plugSeries("p", T0, 5)));
        assertThat(store.readings().series("nope", Metric.POWER, at(T0), at(T0 + 10_000), 100)).isEmpty();
        assertThat(store.readings().series("p", Metric.POWER, at(T0 + 10_000), at(T0), 100)).isEmpty();
        assertThatThrownBy(() -> store.readings().series("p", Metric.POWER, at(T0), at(T0 + 10_000), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void latestIsTheNewestReadingCarryingTheMetric() {
        store.writer().commit(IngestBatch.of(List.of(
                plug("p", T0, 10), plug("p", T0 + 1000, 20),
                new Reading("p", DeviceKind.PLUG, T0 + 2000, Map.of(Metric.RELAY, 0.0)))));

        Reading power = store.readings().latest("p", Metric.POWER).orElseThrow();
        assertThat(power).isEqualTo(new Reading("p", DeviceKind.PLUG, T0 + 1000,
                Map.of(Metric.POWER, 20.0, Metric.VOLTAGE, 230.0)));
        assertThat(store.readings().latest("p", Metric.RELAY)).get().extracting(Reading::epochMillis)
                .isEqualTo(T0 + 2000);
        assertThat(store.readings().latest("p", Metric.TEMPERATURE)).isEmpty();
        assertThat(store.readings().latest("unknown", Metric.POWER)).isEmpty();
    }

    @Test
    void latestFindsASparseMetricFarBehindDenseReadingsAndLateAvailability() {
        // relay state once, three days before an hour of 1 Hz power readings, then an availability a day later
        store.writer().commit(IngestBatch.of(List.of(new Reading("p", DeviceKind.PLUG, T0, Map.of(Metric.RELAY, 1.0)))));
        long start = T0 + 3 * 86_400_000L;
        store.writer().commit(IngestBatch.of(plugSeries("p", start, 3600)));
        store.writer().commit(IngestBatch.availability(
                new Availability("p", DeviceKind.PLUG, false, start + 86_400_000L)));

        assertThat(store.readings().latest("p", Metric.RELAY)).get().extracting(Reading::epochMillis).isEqualTo(T0);
        assertThat(store.readings().latest("p", Metric.POWER)).get().extracting(Reading::epochMillis)
                .isEqualTo(start + 3599 * 1000L);
        assertThat(store.readings().latest("p", Metric.HUMIDITY)).isEmpty();
    }

    @Test
    void rawReturnsReadingsOfOneDeviceOldestFirstInTheRange() {
        List<Reading> batch = new ArrayList<>(plugSeries("a", T0, 10));
        batch.addAll(plugSeries("b", T0, 10));
        java.util.Collections.reverse(batch);
        store.writer().commit(IngestBatch.of(batch));

        List<Reading> raw = store.readings().raw("a", at(T0 + 2000), at(T0 + 5000));

        assertThat(raw).extracting(Reading::epochMillis).containsExactly(T0 + 2000, T0 + 3000, T0 + 4000);
        assertThat(raw).extracting(Reading::deviceId).containsOnly("a");
        assertThat(store.readings().count()).isEqualTo(20);
    }

    @Test
    void csvHasTheHeaderOneRowPerReadingAndEmptyCellsForAbsentMetrics() {
        store.writer().commit(IngestBatch.of(List.of(
                new Reading("plug,1", DeviceKind.PLUG, T0 + 1500,
                        Map.of(Metric.VOLTAGE, 230.4, Metric.CURRENT, 0.52, Metric.POWER, 119.6, Metric.RELAY, 1.0)),
                new Reading("plug,1", DeviceKind.PLUG, T0, Map.of(Metric.ENERGY, 0.00001)),
                new Reading("plug,1", DeviceKind.PLUG, T0 + 99_000, Map.of(Metric.POWER, 1.0)))));

        StringWriter out = new StringWriter();
        long rows = store.readings().exportCsv("plug,1", at(T0), at(T0 + 99_000), out);

        assertThat(rows).isEqualTo(2);
        assertThat(out.toString()).isEqualTo("""
                time,device,voltage,current,power,energy,relay,temperature,humidity
                2024-11-25T16:00:00.000Z,"plug,1",,,,0.00001,,,
                2024-11-25T16:00:01.500Z,"plug,1",230.4,0.52,119.6,,1,,
                """);
    }

    @Test
    void csvOfAnUnknownDeviceIsJustTheHeader() {
        StringWriter out = new StringWriter();
        assertThat(store.readings().exportCsv("ghost", Instant.EPOCH, Instant.MAX, out)).isZero();
        assertThat(out.toString()).isEqualTo("time,device,voltage,current,power,energy,relay,temperature,humidity\n");
    }
}
