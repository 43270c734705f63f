package io.edgedeck.views.history;

import io.edgedeck.db.DeviceKind;
import io.edgedeck.db.HistorySeries;
import io.edgedeck.db.IngestBatch;
import io.edgedeck.db.Resolution;
import io.edgedeck.db.Metric;
import io.edgedeck.db.Reading;
import io.edgedeck.db.SeriesPoint;
import io.edgedeck.views.MutableClock;
import io.edgedeck.views.common.Tasks;
import io.edgedeck.views.fleet.FleetModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryViewModelTest {
    static final Instant NOW = Instant.parse("2025-11-25T10:00:00Z");
    final MutableClock clock = new MutableClock(NOW);
    final FleetModel fleet = new FleetModel(clock);
    final List<SeriesQuery> queries = new ArrayList<>();
    /** Background jobs held until the test runs them, in any order. */
    final Deque<Runnable> background = new ArrayDeque<>();
    final Tasks tasks = new Tasks(background::add, Runnable::run);
    List<SeriesPoint> answer = List.of(new SeriesPoint(NOW.toEpochMilli() - 1000, 1.0));
    HistoryViewModel vm;

    @BeforeEach
    void setUp() {
        fleet.committed(IngestBatch.of(List.of(
                new Reading("plug-1", DeviceKind.PLUG, NOW.toEpochMilli(), Map.of(Metric.POWER, 5.0)),
                new Reading("sensor-1", DeviceKind.SENSOR, NOW.toEpochMilli(), Map.of(Metric.TEMPERATURE, 20.0)))), null);
        fleet.pulse();
        vm = new HistoryViewModel(fleet, q -> {
            queries.add(q);
            return new HistorySeries(answer, Resolution.MINUTE, List.of());
        }, tasks, clock, ZoneOffset.UTC);
    }

    void runAll() {
        while (!background.isEmpty()) {
            background.poll().run();
        }
    }

    @Test
    void presetsQueryTheLastDurationUpToNow() {
        for (RangePreset p : List.of(RangePreset.HOUR, RangePreset.DAY, RangePreset.WEEK, RangePreset.MONTH)) {
            SeriesQuery q = HistoryViewModel.queryFor("d", Metric.POWER, p, null, null, clock, ZoneOffset.UTC);
            assertThat(q.to()).isEqualTo(NOW);
            assertThat(Duration.between(q.from(), q.to())).isEqualTo(p.length());
            assertThat(q.maxPoints()).isEqualTo(HistoryViewModel.MAX_POINTS);
        }
    }

    @Test
    void customRangeCoversWholeDaysInTheZone() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        SeriesQuery q = HistoryViewModel.queryFor("d", Metric.TEMPERATURE, RangePreset.CUSTOM,
                LocalDate.of(2025, 11, 1), LocalDate.of(2025, 11, 3), clock, berlin);
        assertThat(q.from()).isEqualTo(Instant.parse("2025-10-31T23:00:00Z"));
        assertThat(q.to()).isEqualTo(Instant.parse("2025-11-03T23:00:00Z"));
        assertThat(HistoryViewModel.queryFor("d", Metric.TEMPERATURE, RangePreset.CUSTOM,
                LocalDate.of(2025, 11, 3), LocalDate.of(2025, 11, 1), clock, berlin)).as("reversed").isNull();
    }

    @Test
    void openingWithoutAChoiceShowsTheFirstPlugButKeepsAChoiceMade() {
        vm.showDefaultDevice();
        runAll();
        assertThat(vm.deviceProperty().get()).isEqualTo("plug-1");
        assertThat(queries).extracting(SeriesQuery::deviceId).containsExactly("plug-1");

        vm.showDevice("sensor-1");
        vm.showDefaultDevice();
        assertThat(vm.deviceProperty().get()).isEqualTo("sensor-1");
    }

    @Test
    void showingAPlugLoadsItsPowerForTheLastHour() {
        vm.showDevice("plug-1");
        assertThat(vm.loadingProperty().get()).isTrue();
        assertThat(vm.showProgressProperty().get()).isTrue();
        runAll();

        assertThat(queries).containsExactly(new SeriesQuery("plug-1", Metric.POWER, NOW.minus(Duration.ofHours(1)), NOW, 1500));
        assertThat(vm.metrics()).containsExactly(Metric.POWER, Metric.VOLTAGE, Metric.CURRENT, Metric.ENERGY);
        assertThat(vm.loadingProperty().get()).isFalse();
        assertThat(vm.resultProperty().get().points()).hasSize(1);
        assertThat(vm.placeholderProperty().get()).isEmpty();
        assertThat(vm.valueAxisLabelProperty().get()).isEqualTo("Power (W)");
    }

    @Test
    void sensorsOfferTemperatureAndHumidity() {
        vm.showDevice("sensor-1");
        runAll();
        assertThat(vm.metricProperty().get()).isEqualTo(Metric.TEMPERATURE);
        assertThat(vm.metrics()).containsExactly(Metric.TEMPERATURE, Metric.HUMIDITY);
        assertThat(vm.valueAxisLabelProperty().get()).isEqualTo("Temperature (°C)");
        assertThat(queries).hasSize(1);
    }

    @Test
    void anOlderAnswerArrivingLastIsIgnored() {
        vm.showDevice("plug-1");                        // request 1 (1 h)
        vm.presetProperty().set(RangePreset.WEEK);      // request 2 (7 d)
        assertThat(background).hasSize(2);

        answer = List.of(new SeriesPoint(1, 7), new SeriesPoint(2, 7));
        background.pollLast().run();                    // the newer one finishes first
        answer = List.of(new SeriesPoint(1, 1));
        background.pollFirst().run();                   // the stale one finishes last

        assertThat(vm.resultProperty().get().query().from()).isEqualTo(NOW.minus(Duration.ofDays(7)));
        assertThat(vm.resultProperty().get().points()).hasSize(2);
        assertThat(vm.loadingProperty().get()).isFalse();
    }

    @Test
    void anEmptyRangeShowsAPlaceholder() {
        answer = List.of();
        vm.showDevice("plug-1");
        runAll();
        assertThat(vm.placeholderProperty().get()).isEqualTo("No data in this range.");
    }

    @Test
    void zoomQueriesTheVisibleRangeAtFullResolution() {
        vm.showDevice("plug-1");
        runAll();
        vm.zoomTo(NOW.minusSeconds(600), NOW.minusSeconds(300));
        runAll();
        assertThat(queries.getLast()).isEqualTo(new SeriesQuery("plug-1", Metric.POWER, NOW.minusSeconds(600), NOW.minusSeconds(300), 1500));
        assertThat(vm.zoomedProperty().get()).isTrue();

        clock.advance(Duration.ofMinutes(1));
        vm.onTick();
        assertThat(background).as("no auto-refresh while zoomed").isEmpty();
        vm.load();
        assertThat(vm.zoomedProperty().get()).isFalse();
    }

    @Test
    void autoRefreshReloadsTheLiveEdge() {
        vm.showDevice("plug-1");
        runAll();
        vm.onTick();
        assertThat(background).as("too soon").isEmpty();
        clock.advance(HistoryViewModel.AUTO_REFRESH);
        vm.onTick();
        assertThat(vm.loadingProperty().get()).isTrue();
        assertThat(vm.showProgressProperty().get()).as("auto-refresh loads quietly").isFalse();
        runAll();
        assertThat(queries).hasSize(2);
        assertThat(queries.getLast().to()).isEqualTo(clock.instant());
    }

    @Test
    void failuresBecomeAMessage() {
        vm = new HistoryViewModel(fleet, q -> {
            throw new IllegalStateException("disk gone");
        }, Tasks.direct(), clock, ZoneOffset.UTC);
        vm.showDevice("plug-1");
        assertThat(vm.placeholderProperty().get()).isEqualTo("Could not load history: disk gone");
    }

    @Test
    void comparingAlsoLoadsThePreviousPeriodShiftedToLineUp() {
        vm.showDevice("plug-1");
        runAll();
        answer = List.of(new SeriesPoint(NOW.minus(Duration.ofMinutes(90)).toEpochMilli(), 3.0));
        vm.compareProperty().set(true);
        runAll();

        assertThat(queries.getLast()).isEqualTo(new SeriesQuery("plug-1", Metric.POWER, NOW.minus(Duration.ofHours(2)),
                NOW.minus(Duration.ofHours(1)), 1500));
        SeriesResult r = vm.resultProperty().get();
        assertThat(r.previous()).containsExactly(new SeriesPoint(NOW.minus(Duration.ofMinutes(30)).toEpochMilli(), 3.0));
        assertThat(vm.resolutionTextProperty().get()).isEqualTo("1-minute rollups");
    }

    @Test
    void theCrosshairShowsTheNearestPointsTimeAndValue() {
        answer = List.of(new SeriesPoint(NOW.minusSeconds(600).toEpochMilli(), 12.5),
                new SeriesPoint(NOW.minusSeconds(300).toEpochMilli(), 1950));
        vm.showDevice("plug-1");
        runAll();
        assertThat(vm.valueAt(NOW.minusSeconds(400).toEpochMilli())).endsWith(" · 1,950 W")
                .contains(io.edgedeck.views.common.Formats.dateTime(NOW.minusSeconds(300)));
        assertThat(vm.valueAt(NOW.minusSeconds(500).toEpochMilli())).endsWith(" · 12.50 W");
        assertThat(vm.valueAt(NOW.minusSeconds(7200).toEpochMilli())).as("outside the range").isEmpty();
    }

    @Test
    void aYearPresetExists() {
        SeriesQuery q = HistoryViewModel.queryFor("d", Metric.POWER, RangePreset.YEAR, null, null, clock, ZoneOffset.UTC);
        assertThat(Duration.between(q.from(), q.to())).isEqualTo(Duration.ofDays(365));
    }

    @Test
    void csvExportWritesTheShownRangeAtItsResolutionOffTheFxThread(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        List<Object[]> calls = new ArrayList<>();
        vm.setCsvExporter((q, res, file) -> {
            calls.add(new Object[] {q, res, file});
            return 1234;
        });
        vm.showDevice("plug-1");
        runAll();
        vm.exportCsv(dir.resolve("p.csv"));
        assertThat(calls).as("not on the calling thread yet").isEmpty();
        runAll();
        assertThat(calls).hasSize(1);
        assertThat(calls.getFirst()[1]).isEqualTo(Resolution.MINUTE);
        assertThat(vm.exportMessageProperty().get()).isEqualTo("Saved 1,234 rows (1-minute rollups) to p.csv");
    }

    @Test
    void overlaidDevicesAreQueriedOverTheSameRangeAndMetric() {
        vm.showDevice("plug-1");
        runAll();
        vm.overlayDevices().setAll("plug-2", "plug-1"); // the shown device itself is not drawn twice
        runAll();

        assertThat(queries.getLast()).isEqualTo(new SeriesQuery("plug-2", Metric.POWER, NOW.minus(Duration.ofHours(1)), NOW, 1500));
        assertThat(vm.resultProperty().get().overlays()).extracting(SeriesResult.Overlay::deviceId).containsExactly("plug-2");
        assertThat(vm.resultProperty().get().query().deviceId()).isEqualTo("plug-1");
    }

    @Test
    void stackingLoadsEachChosenFieldOverTheSameRange() {
        vm = new HistoryViewModel(fleet, q -> {
            queries.add(q);
            double v = switch (q.metric()) {
                case VOLTAGE -> 230.4;
                case CURRENT -> 0.52;
                default -> 120;
            };
            return new HistorySeries(List.of(new SeriesPoint(NOW.toEpochMilli() - 60_000, v)), Resolution.RAW, List.of());
        }, tasks, clock, ZoneOffset.UTC);
        vm.showDevice("plug-1");
        runAll();
        assertThat(vm.stackedMetrics()).as("a plug's defaults")
                .containsExactly(Metric.VOLTAGE, Metric.CURRENT, Metric.POWER);
        queries.clear();

        vm.stackedProperty().set(true);
        runAll();
        assertThat(queries).extracting(SeriesQuery::metric).containsExactly(Metric.VOLTAGE, Metric.CURRENT, Metric.POWER);
        assertThat(queries).allSatisfy(q -> {
            assertThat(q.from()).isEqualTo(NOW.minus(Duration.ofHours(1)));
            assertThat(q.to()).isEqualTo(NOW);
        });
        SeriesResult r = vm.resultProperty().get();
        assertThat(r.stacked()).isTrue();
        assertThat(r.fields()).extracting(SeriesResult.Field::metric)
                .containsExactly(Metric.VOLTAGE, Metric.CURRENT, Metric.POWER);
        assertThat(vm.summaryProperty().get()).contains("voltage, current, power");
        assertThat(vm.valueAt(NOW.toEpochMilli() - 50_000)).isEqualTo(
                io.edgedeck.views.common.Formats.dateTime(NOW.minusSeconds(60))
                        + " · voltage 230 V · current 0.52 A · power 120 W");

        // a zoom re-queries every field; choosing fields keeps the metric order
        queries.clear();
        vm.zoomTo(NOW.minusSeconds(600), NOW.minusSeconds(300));
        runAll();
        assertThat(queries).extracting(SeriesQuery::metric).containsExactly(Metric.VOLTAGE, Metric.CURRENT, Metric.POWER);
        queries.clear();
        vm.stackedMetrics().setAll(Metric.POWER, Metric.VOLTAGE);
        runAll();
        assertThat(queries).extracting(SeriesQuery::metric).containsExactly(Metric.VOLTAGE, Metric.POWER);
        assertThat(vm.resultProperty().get().fields()).extracting(SeriesResult.Field::metric)
                .containsExactly(Metric.VOLTAGE, Metric.POWER);

        queries.clear();
        vm.stackedProperty().set(false);
        runAll();
        assertThat(queries).extracting(SeriesQuery::metric).containsExactly(Metric.POWER);
        assertThat(vm.resultProperty().get().stacked()).isFalse();
    }
}
