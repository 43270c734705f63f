package io.edgedeck.services.energy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Folds a plug's hourly energy into periods (local days, months) and says how complete each is. Pure functions.
 *
 * <p>An hour belongs to the period its start falls in. A period's expected time is the part of it between
 * {@code since} (when the plug was first seen) and {@code now}; its covered time is the sum of its hours' covered
 * time. Where a plug was silent its energy is not invented: the period shows what was measured and is incomplete.
 */
public final class EnergyLedger {
    private EnergyLedger() {
    }

    /** [from, to) of each of the {@code count} local days ending with today, oldest first. */
    public static List<Instant[]> days(LocalDate today, int count, ZoneId zone) {
        List<Instant[]> out = new ArrayList<>(count);
        for (int i = count - 1; i >= 0; i--) {
            LocalDate d = today.minusDays(i);
            out.add(new Instant[] {d.atStartOfDay(zone).toInstant(), d.plusDays(1).atStartOfDay(zone).toInstant()});
        }
        return out;
    }

    /** [from, to) of each of the {@code count} local months ending with this one, oldest first. */
    public static List<Instant[]> months(YearMonth current, int count, ZoneId zone) {
        List<Instant[]> out = new ArrayList<>(count);
        for (int i = count - 1; i >= 0; i--) {
            YearMonth m = current.minusMonths(i);
            out.add(new Instant[] {m.atDay(1).atStartOfDay(zone).toInstant(),
                    m.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant()});
        }
        return out;
    }

    /** [from, to) of each of the {@code count} hours ending with the one holding {@code now}, oldest first. */
    public static List<Instant[]> hours(Instant now, int count) {
        long h = Math.floorDiv(now.toEpochMilli(), 3_600_000L) * 3_600_000L;
        List<Instant[]> out = new ArrayList<>(count);
        for (int i = count - 1; i >= 0; i--) {
            long s = h - i * 3_600_000L;
            out.add(new Instant[] {Instant.ofEpochMilli(s), Instant.ofEpochMilli(s + 3_600_000L)});
        }
        return out;
    }

    /** The hours (in time order) summed per period. */
    public static List<PeriodEnergy> fold(List<HourEnergy> hours, List<Instant[]> periods, Instant since, Instant now) {
        List<PeriodEnergy> out = new ArrayList<>(periods.size());
        int i = 0;
        for (Instant[] p : periods) {
            while (i < hours.size() && hours.get(i).start().isBefore(p[0])) {
                i++;
            }
            double kwh = 0;
            double cost = 0;
            long covered = 0;
            int j = i;
            while (j < hours.size() && hours.get(j).start().isBefore(p[1])) {
                HourEnergy h = hours.get(j++);
                kwh += h.kwh();
                cost += h.cost();
                covered += h.coveredMillis();
            }
            long start = Math.max(p[0].toEpochMilli(), since.toEpochMilli());
            long end = Math.min(p[1].toEpochMilli(), now.toEpochMilli());
            long expected = Math.max(0, end - start);
            out.add(new PeriodEnergy(p[0], p[1], kwh, cost, Math.min(covered, expected), expected));
        }
        return out;
    }

    /** Each period summed over several plugs (the lists are aligned: same periods, same order). */
    public static List<PeriodEnergy> total(List<List<PeriodEnergy>> perPlug, List<Instant[]> periods) {
        List<PeriodEnergy> out = new ArrayList<>(periods.size());
        for (int k = 0; k < periods.size(); k++) {
            PeriodEnergy sum = new PeriodEnergy(periods.get(k)[0], periods.get(k)[1], 0, 0, 0, 0);
            for (List<PeriodEnergy> plug : perPlug) {
                sum = sum.plus(plug.get(k));
            }
            out.add(sum);
        }
        return out;
    }

    /**
     * Standby (always-on) draw: the lowest hourly mean power among hours the data covers to at least 90 %, or NaN
     * when fewer than {@link #STANDBY_MIN_HOURS} such hours exist. An hour's mean smooths a fridge's cycling and a
     * kettle's minutes, so the lowest hour is what the plug draws when nothing is in use.
     */
    public static double standbyWatts(List<HourEnergy> hours) {
        double min = Double.NaN;
        int usable = 0;
        for (HourEnergy h : hours) {
            if (h.lengthMillis() == 3_600_000L && h.coverage() >= 0.9 && !Double.isNaN(h.meanPowerWatts())) {
                usable++;
                min = Double.isNaN(min) ? h.meanPowerWatts() : Math.min(min, h.meanPowerWatts());
            }
        }
        return usable >= STANDBY_MIN_HOURS ? min : Double.NaN;
    }

    /** Hours needed before a standby figure is given. */
    public static final int STANDBY_MIN_HOURS = 3;
}
