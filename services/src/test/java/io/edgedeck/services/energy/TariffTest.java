package io.edgedeck.services.energy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TariffTest {
    static final Tariff DAY_NIGHT = new Tariff("€", List.of(
            new TariffBand(LocalTime.of(7, 0), LocalTime.of(23, 0), 0.32),
            new TariffBand(LocalTime.of(23, 0), LocalTime.of(7, 0), 0.18)));

    @Test
    void anIntervalAcrossMidnightIsSplitAtEachBandEdge() {
        // 22:00 → 08:00 next day, 10 kWh evenly: 1 h day (22–23), 8 h night (23–07), 1 h day (07–08)
        double cost = DAY_NIGHT.cost(Instant.parse("2025-03-10T22:00:00Z"), Instant.parse("2025-03-11T08:00:00Z"), 10,
                ZoneOffset.UTC);
        assertThat(cost).isCloseTo(1 * 0.32 + 8 * 0.18 + 1 * 0.32, within(1e-9));
    }

    @Test
    void anHourCutByABandEdgeIsPricedByMinutes() {
        var halfPast = new Tariff("£", List.of(new TariffBand(LocalTime.of(6, 30), LocalTime.of(0, 30), 0.30),
                new TariffBand(LocalTime.of(0, 30), LocalTime.of(6, 30), 0.10)));
        // 00:00–01:00 local with 2 kWh: half at the day price, half at night
        assertThat(halfPast.cost(Instant.parse("2025-03-10T00:00:00Z"), Instant.parse("2025-03-10T01:00:00Z"), 2,
                ZoneOffset.UTC)).isCloseTo(0.30 + 0.10, within(1e-9));
    }

    @Test
    void bandsFollowLocalTimeAcrossADaylightSavingChange() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        // 2025-03-30: clocks go from 02:00 to 03:00. 06:00–08:00 local is 04:00–06:00 UTC: 1 h night, 1 h day.
        assertThat(DAY_NIGHT.cost(Instant.parse("2025-03-30T04:00:00Z"), Instant.parse("2025-03-30T06:00:00Z"), 2, berlin))
                .isCloseTo(0.18 + 0.32, within(1e-9));
    }

    @Test
    void aFlatPriceIsKwhTimesPrice() {
        assertThat(Tariff.flat(0.25, "CHF").cost(Instant.EPOCH, Instant.EPOCH.plusSeconds(3600), 4, ZoneOffset.UTC))
                .isEqualTo(1.0);
    }

    @Test
    void bandsWithAGapOrAnOverlapAreRefusedInWords() {
        assertThatThrownBy(() -> new Tariff("€", List.of(new TariffBand(LocalTime.of(7, 0), LocalTime.of(23, 0), 0.3))))
                .hasMessage("No price covers 00:00: the bands must cover the whole day.");
        assertThatThrownBy(() -> new Tariff("€", List.of(new TariffBand(LocalTime.of(7, 0), LocalTime.of(23, 0), 0.3),
                new TariffBand(LocalTime.of(22, 0), LocalTime.of(7, 0), 0.1))))
                .hasMessage("Two bands both cover 22:00: the bands must not overlap.");
        assertThatThrownBy(() -> new TariffBand(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, -1))
                .hasMessageContaining("at least 0");
    }

    @Test
    void theTariffFileKeepsBandsAndCurrencyAndNamesABrokenFile(@TempDir Path dir) throws Exception {
        var file = new TariffFile(dir.resolve("tariff.json"));
        assertThat(file.load()).isEqualTo(Tariff.defaultTariff());
        file.save(DAY_NIGHT);
        assertThat(new TariffFile(dir.resolve("tariff.json")).load()).isEqualTo(DAY_NIGHT);

        Files.writeString(dir.resolve("tariff.json"), "{\"bands\": [{\"from\": \"7am\"}]}");
        assertThatThrownBy(file::load).hasMessageContaining(dir.resolve("tariff.json").toString())
                .hasMessageContaining("Fix or delete it");
    }
}
