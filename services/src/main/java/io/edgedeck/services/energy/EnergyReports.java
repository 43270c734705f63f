package io.edgedeck.services.energy;

import io.edgedeck.db.DeviceKind;
import io.edgedeck.db.DeviceRecord;
import io.edgedeck.db.DeviceRegistry;
import io.edgedeck.db.EnergyBucket;
import io.edgedeck.db.ReadingQueries;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * kWh and cost per hour, day and month for every plug and in total, from the hourly rollups (the plug's energy
 * counter where it reports one, else integrated power; silences are not filled in but mark the period incomplete).
 * Days older than the hourly rollups' retention come from the daily rollups (UTC days, each counted in the local day
 * or month its start falls in; a time-of-use tariff spreads such a day's kWh evenly over its hours).
 * Blocking: call it off the FX thread.
 */
public final class EnergyReports {
    public static final int HOURS = 48;
    public static final int DAYS = 30;
    public static final int MONTHS = 12;
    static final Duration STANDBY_WINDOW = Duration.ofDays(7);

    private final ReadingQueries readings;
    private final DeviceRegistry devices;
    private final Clock clock;
    private final ZoneId zone;

    public EnergyReports(ReadingQueries readings, DeviceRegistry devices, Clock clock, ZoneId zone) {
        this.readings = readings;
        this.devices = devices;
        this.clock = clock;
        this.zone = zone;
    }

    /** The summary of every plug (devices of kind PLUG), sorted by id. */
    public EnergySummary summary(Tariff tariff) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, zone);
        List<Instant[]> hours = EnergyLedger.hours(now, HOURS);
        List<Instant[]> days = EnergyLedger.days(today, DAYS, zone);
        List<Instant[]> months = EnergyLedger.months(YearMonth.from(today), MONTHS, zone);
        Instant from = months.getFirst()[0];

        List<PlugEnergy> plugs = new ArrayList<>();
        List<DeviceRecord> all = devices.all().stream().filter(d -> d.kind() == DeviceKind.PLUG)
                .sorted(Comparator.comparing(DeviceRecord::id)).toList();
        for (DeviceRecord d : all) {
            List<HourEnergy> h = new ArrayList<>();
            // hourly rollups; days older than their retention from the daily rollups
            for (EnergyBucket b : readings.energyKept(d.id(), from, now.plusSeconds(3600))) {
                h.add(HourEnergy.of(b, tariff, zone));
            }
            Instant since = d.firstSeen() == null ? from : d.firstSeen();
            Instant standbyFrom = now.minus(STANDBY_WINDOW);
            double standby = EnergyLedger.standbyWatts(h.stream().filter(x -> !x.start().isBefore(standbyFrom)).toList());
            int counterHours = (int) h.stream().filter(x -> x.fromCounter() && x.lengthMillis() == 3_600_000L).count();
            plugs.add(new PlugEnergy(d.id(), EnergyLedger.fold(h, hours, since, now), EnergyLedger.fold(h, days, since, now),
                    EnergyLedger.fold(h, months, since, now), counterHours, standby));
        }
        double standbyTotal = plugs.stream().mapToDouble(PlugEnergy::standbyWatts).filter(w -> !Double.isNaN(w)).sum();
        PlugEnergy total = new PlugEnergy(EnergySummary.TOTAL,
                EnergyLedger.total(plugs.stream().map(PlugEnergy::hours).toList(), hours),
                EnergyLedger.total(plugs.stream().map(PlugEnergy::days).toList(), days),
                EnergyLedger.total(plugs.stream().map(PlugEnergy::months).toList(), months),
                plugs.stream().mapToInt(PlugEnergy::counterHours).sum(), plugs.isEmpty() ? Double.NaN : standbyTotal);
        return new EnergySummary(now, tariff, plugs, total);
    }
}
