package io.edgedeck.services.energy;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a kWh costs: one flat price, or time-of-use bands that together cover each day exactly once (e.g. 07–23 h at
 * 0.32 and 23–07 h at 0.18). Band times are local wall-clock times of the console's zone.
 *
 * @param currency the symbol shown with costs, e.g. "€", "£", "CHF"
 */
public record Tariff(String currency, List<TariffBand> bands) {
    public Tariff {
        Objects.requireNonNull(currency, "currency");
        bands = List.copyOf(bands);
        String problem = problem(bands);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** A flat price per kWh. */
    public static Tariff flat(double pricePerKwh, String currency) {
        return new Tariff(currency, List.of(new TariffBand(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, pricePerKwh)));
    }

    /** The tariff when none was set: 0.30 per kWh, in euros. */
    public static Tariff defaultTariff() {
        return flat(0.30, "€");
    }

    public boolean isFlat() {
        return bands.size() == 1;
    }

    /**
     * Why these bands are not a tariff (gap or overlap, named in words), or null when each minute of the day is in
     * exactly one band.
     */
    public static String problem(List<TariffBand> bands) {
        if (bands.isEmpty()) {
            return "A tariff needs at least one price.";
        }
        int total = 0;
        for (TariffBand b : bands) {
            total += b.minutes();
        }
        for (int minute = 0; minute < 1440; minute++) {
            LocalTime t = LocalTime.ofSecondOfDay(minute * 60L);
            long in = bands.stream().filter(b -> b.contains(t)).count();
            if (in == 0) {
                return "No price covers " + t + ": the bands must cover the whole day.";
            }
            if (in > 1) {
                return "Two bands both cover " + t + ": the bands must not overlap.";
            }
        }
        return total == 1440 ? null : "The bands must cover the whole day exactly once.";
    }

    /** The price per kWh at a local time. */
    public double priceAt(LocalTime t) {
        for (TariffBand b : bands) {
            if (b.contains(t)) {
                return b.pricePerKwh();
            }
        }
        throw new IllegalStateException("no band covers " + t); // cannot happen: checked in the constructor
    }

    /**
     * The cost of {@code kwh} used evenly over [from, to): the interval is cut where a band starts or ends (local
     * time in {@code zone}, across midnight and daylight-saving changes), each piece priced by its band.
     */
    public double cost(Instant from, Instant to, double kwh, ZoneId zone) {
        long total = to.toEpochMilli() - from.toEpochMilli();
        if (total <= 0) {
            return 0;
        }
        if (isFlat()) {
            return kwh * bands.getFirst().pricePerKwh();
        }
        double cost = 0;
        Instant at = from;
        while (at.isBefore(to)) {
            ZonedDateTime local = at.atZone(zone);
            double price = priceAt(local.toLocalTime());
            Instant next = nextBoundary(local, zone);
            if (next.isAfter(to)) {
                next = to;
            }
            cost += kwh * (next.toEpochMilli() - at.toEpochMilli()) / total * price;
            at = next;
        }
        return cost;
    }

    /** The first instant after {@code local} at which a band starts (at most a day later). */
    private Instant nextBoundary(ZonedDateTime local, ZoneId zone) {
        List<ZonedDateTime> candidates = new ArrayList<>();
        for (TariffBand b : bands) {
            for (LocalTime edge : List.of(b.start(), b.end())) {
                ZonedDateTime c = local.toLocalDate().atTime(edge).atZone(zone);
                if (!c.isAfter(local)) {
                    c = local.toLocalDate().plusDays(1).atTime(edge).atZone(zone);
                }
                candidates.add(c);
            }
        }
        return candidates.stream().map(ZonedDateTime::toInstant).min(Instant::compareTo).orElseThrow();
    }
}
