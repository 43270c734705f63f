package io.edgedeck.services.energy;

import io.edgedeck.db.DeviceKind;
import io.edgedeck.db.IngestBatch;
import io.edgedeck.db.LocalStore;
import io.edgedeck.db.Metric;
import io.edgedeck.db.Reading;
import io.edgedeck.db.Resolution;
import io.edgedeck.db.RetentionPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Energy and cost from rollups that the real writer maintained in a real H2 file. */
class EnergyReportsTest {
    static final long H = 3_600_000L;
    static final Instant DAY1 = Instant.parse("2025-03-10T00:00:00Z");

    @TempDir
    Path dir;
    LocalStore store;

    @BeforeEach
    void open() {
        store = LocalStore.open(dir.resolve("energy"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** Power readings every 10 s over [from, to] inclusive at {@code watts}. */
    void power(String id, long from, long to, double watts) {
        List<Reading> rs = new ArrayList<>();
        for (long ts = from; ts <= to; ts += 10_000) {
            rs.add(new Reading(id, DeviceKind.PLUG, ts, Map.of(Metric.POWER, watts)));
        }
        store.writer().commit(IngestBatch.of(rs));
    }

    EnergyReports reports(Instant now) {
        return new EnergyReports(store.readings(), store.devices(), Clock.fixed(now, ZoneOffset.UTC), ZoneOffset.UTC);
    }

    @Test
    void aSilenceIsNotFilledInButMarksTheDayIncomplete() {
        long d = DAY1.toEpochMilli();
        power("fridge", d, d + 6 * H, 1000);          // 6 kWh
        power("fridge", d + 8 * H, d + 12 * H, 500);  // silent 06–08, then 2 kWh
        EnergySummary s = reports(DAY1.plusMillis(12 * H)).summary(Tariff.flat(0.5, "€"));

        PeriodEnergy today = s.plugs().getFirst().today();
        assertThat(today.kwh()).isCloseTo(8.0, within(1e-6));
        assertThat(today.cost()).isCloseTo(4.0, within(1e-6));
        assertThat(today.coverage()).isCloseTo(10.0 / 12, within(1e-3));
        assertThat(today.complete()).isFalse();
        // the silent hours are there with nothing in them, the others complete
        List<PeriodEnergy> hours = s.plugs().getFirst().hours();
        PeriodEnergy six = hours.stream().filter(p -> p.from().equals(DAY1.plusMillis(6 * H))).findFirst().orElseThrow();
        assertThat(six.kwh()).isZero();
        assertThat(six.complete()).isFalse();
        PeriodEnergy nine = hours.stream().filter(p -> p.from().equals(DAY1.plusMillis(9 * H))).findFirst().orElseThrow();
        assertThat(nine.kwh()).isCloseTo(0.5, within(1e-6));
        assertThat(nine.complete()).isTrue();
    }

    @Test
    void thePlugsCounterWinsOverIntegratedPowerAndCountsAcrossAGap() {
        long d = DAY1.toEpochMilli();
        List<Reading> rs = new ArrayList<>();
        // power says 100 W, but the counter says 0.5 kWh an hour; and the counter keeps counting over a 2-hour silence
        for (long ts = d; ts <= d + 2 * H; ts += 60_000) {
            rs.add(counter("boiler", ts, 100, 10 + 0.5 * (ts - d) / H));
        }
        for (long ts = d + 4 * H; ts <= d + 5 * H; ts += 60_000) {
            rs.add(counter("boiler", ts, 100, 10 + 0.5 * (ts - d) / H));
        }
        store.writer().commit(IngestBatch.of(rs));
        EnergySummary s = reports(DAY1.plusMillis(5 * H)).summary(Tariff.flat(1, "€"));

        PlugEnergy boiler = s.plugs().getFirst();
        assertThat(boiler.today().kwh()).as("counter 10 → 12.5").isCloseTo(2.5, within(1e-9));
        assertThat(boiler.counterHours()).isGreaterThan(0);
    }

    static Reading counter(String id, long ts, double watts, double kwh) {
        return new Reading(id, DeviceKind.PLUG, ts, Map.of(Metric.POWER, watts, Metric.ENERGY, kwh));
    }

    @Test
    void monthTotalsAddTheDaysOfEachLocalMonthAndTimeOfUseSplitsTheirCost() {
        var dayNight = new Tariff("€", List.of(new TariffBand(LocalTime.of(7, 0), LocalTime.of(23, 0), 0.30),
                new TariffBand(LocalTime.of(23, 0), LocalTime.of(7, 0), 0.10)));
        long feb27 = Instant.parse("2025-02-27T00:00:00Z").toEpochMilli();
        power("heater", feb27, feb27 + 96 * H, 1000); // 27 Feb 00:00 → 3 Mar 00:00: 48 h in Feb, 48 h in Mar
        power("lamp", feb27 + 48 * H, feb27 + 72 * H, 100); // 1 Mar: 2.4 kWh
        EnergySummary s = reports(Instant.parse("2025-03-03T00:00:00Z")).summary(dayNight);

        PlugEnergy heater = s.plugs().get(0);
        assertThat(heater.deviceId()).isEqualTo("heater");
        List<PeriodEnergy> months = heater.months();
        assertThat(months.get(months.size() - 2).kwh()).as("February").isCloseTo(48, within(1e-6));
        assertThat(months.getLast().kwh()).as("March").isCloseTo(48, within(1e-6));
        // a full day of 1 kW: 16 h at 0.30 and 8 h at 0.10
        assertThat(months.getLast().cost()).isCloseTo(2 * (16 * 0.30 + 8 * 0.10), within(1e-6));
        assertThat(months.getLast().complete()).isTrue();
        assertThat(s.total().thisMonth().kwh()).isCloseTo(48 + 2.4, within(1e-6));
        assertThat(s.total().days().get(EnergyReports.DAYS - 3).kwh()).as("1 March, both plugs").isCloseTo(24 + 2.4, within(1e-6));
        assertThat(s.total().thisMonth().complete()).as("the lamp was first seen on 1 March and stopped at its end").isFalse();
        assertThat(heater.standbyWatts()).isCloseTo(1000, within(1e-9));
    }

    @Test
    void standbyIsTheLowestWellCoveredHourlyMean() {
        long d = DAY1.toEpochMilli();
        power("tv", d, d + 3 * H, 120);
        power("tv", d + 3 * H + 10_000, d + 7 * H, 4.5);
        // an hour with a few minutes only would be lower still, but it is not covered well enough to count
        power("tv", d + 9 * H, d + 9 * H + 300_000, 0.5);
        EnergySummary s = reports(DAY1.plusMillis(10 * H)).summary(Tariff.defaultTariff());
        assertThat(s.plugs().getFirst().standbyWatts()).isCloseTo(4.5, within(1e-9));
    }

    @Test
    void monthsOlderThanTheHourlyTierComeFromTheDailyRollups() {
        // 100 W, a reading a minute, from 1 January to 10 April (UTC)
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        Instant now = Instant.parse("2025-04-10T00:00:00Z");
        for (long day = start.toEpochMilli(); day < now.toEpochMilli(); day += 24 * H) {
            List<Reading> rs = new ArrayList<>();
            for (long ts = day; ts < day + 24 * H; ts += 60_000) {
                rs.add(new Reading("heater", DeviceKind.PLUG, ts, Map.of(Metric.POWER, 100.0)));
            }
            store.writer().commit(IngestBatch.of(rs));
        }
        List<PeriodEnergy> before = reports(now).summary(Tariff.flat(0.5, "€")).plugs().getFirst().months();

        store.retention().runOnce(new RetentionPolicy(Duration.ofDays(7), Duration.ofDays(14), Duration.ofDays(30),
                Duration.ofDays(5 * 365)), now);
        assertThat(store.readings().energy("heater", Resolution.HOUR, start, Instant.parse("2025-03-01T00:00:00Z")))
                .as("the hourly rows of January and February are gone").isEmpty();

        List<PeriodEnergy> after = reports(now).summary(Tariff.flat(0.5, "€")).plugs().getFirst().months();
        PeriodEnergy january = month(after, "2025-01-01T00:00:00Z");
        assertThat(january.kwh()).isCloseTo(31 * 24 * 0.1, within(1e-6));
        assertThat(january.cost()).isCloseTo(31 * 24 * 0.1 * 0.5, within(1e-6));
        assertThat(january.complete()).isTrue();
        // March straddles the tier's edge (10 March): daily rows before, hourly rows after, every kWh counted once
        assertThat(month(after, "2025-03-01T00:00:00Z").kwh()).isCloseTo(31 * 24 * 0.1, within(1e-6));
        for (int m = 0; m < before.size(); m++) {
            assertThat(after.get(m).kwh()).as(after.get(m).from().toString())
                    .isCloseTo(before.get(m).kwh(), within(1e-6));
            assertThat(after.get(m).complete()).isEqualTo(before.get(m).complete());
        }
    }

    @Test
    void theHourlyTiersEdgeMidDayIsAnsweredByThatWholeDay() {
        long d = DAY1.toEpochMilli();
        power("lamp", d - 3 * 24 * H, d + 6 * H, 60);
        // keep hours for 1.5 days: the watermark falls at 18:00 two days before; that day comes from its daily row
        Instant now = DAY1.plusMillis(6 * H);
        store.retention().runOnce(new RetentionPolicy(Duration.ofHours(36), Duration.ofHours(36), Duration.ofHours(36),
                Duration.ofDays(365)), now);
        assertThat(store.readings().energy("lamp", Resolution.HOUR, DAY1.minusMillis(48 * H), DAY1.minusMillis(30 * H)))
                .isEmpty();
        EnergySummary s = reports(now).summary(Tariff.flat(1, "€"));
        List<PeriodEnergy> days = s.plugs().getFirst().days();
        assertThat(days.get(days.size() - 3).kwh()).isCloseTo(24 * 0.06, within(1e-6));
        assertThat(days.get(days.size() - 2).kwh()).isCloseTo(24 * 0.06, within(1e-6));
        assertThat(days.get(days.size() - 3).complete()).isTrue();
        assertThat(s.plugs().getFirst().today().kwh()).isCloseTo(6 * 0.06, within(1e-6));
    }

    static PeriodEnergy month(List<PeriodEnergy> months, String from) {
        return months.stream().filter(p -> p.from().equals(Instant.parse(from))).findFirst().orElseThrow();
    }
}
