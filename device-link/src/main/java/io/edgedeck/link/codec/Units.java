package io.edgedeck.link.codec;

import io.edgedeck.db.Metric;

import java.util.Locale;
import java.util.Optional;

/**
 * Converts a value written in some unit to the unit EdgeDeck stores for its metric ({@link Metric#unit()}: V, A, W,
 * kWh, °C, %RH). Knows the units plugs and sensors actually publish: mV/V/kV, mA/A, mW/W/kW, Wh/kWh/MWh and watt-minutes
 * (Shelly Gen1), °C/°F/K (also written C, F, degC, ...), % for humidity.
 */
final class Units {
    /** value_in_edgedeck_unit = value * factor + offset. */
    record Conversion(double factor, double offset) {
        static final Conversion NONE = new Conversion(1, 0);

        double apply(double v) {
            return v * factor + offset;
        }
    }

    private Units() {
    }

    /** The conversion from {@code unit} to EdgeDeck's unit of {@code metric}, empty if the unit is not one of it. */
    static Optional<Conversion> conversion(Metric metric, String unit) {
        if (unit == null) {
            return Optional.empty();
        }
        String u = unit.strip().replace("°", "").replace("º", "").replace(" ", "");
        String l = u.toLowerCase(Locale.ROOT);
        Conversion c = switch (metric) {
            case VOLTAGE -> switch (u) {
                case "V", "v" -> Conversion.NONE;
                case "mV" -> new Conversion(0.001, 0);
                case "kV" -> new Conversion(1000, 0);
                default -> null;
            };
            case CURRENT -> switch (u) {
                case "A", "a" -> Conversion.NONE;
                case "mA" -> new Conversion(0.001, 0);
                default -> null;
            };
            case POWER -> switch (u) {
                case "W", "w" -> Conversion.NONE;
                case "mW" -> new Conversion(0.001, 0);
                case "kW" -> new Conversion(1000, 0);
                default -> null;
            };
            case ENERGY -> switch (l) {
                case "kwh" -> Conversion.NONE;
                case "wh" -> new Conversion(0.001, 0);
                case "mwh" -> u.equals("MWh") ? new Conversion(1000, 0) : new Conversion(1e-6, 0);
                case "wmin", "w-min", "w*min", "wattminute", "wattminutes" -> new Conversion(1.0 / 60_000, 0);
                default -> null;
            };
            case TEMPERATURE -> switch (l) {
                case "c", "degc", "celsius" -> Conversion.NONE;
                case "f", "degf", "fahrenheit" -> new Conversion(5.0 / 9.0, -32.0 * 5.0 / 9.0);
                case "k", "kelvin" -> new Conversion(1, -273.15);
                default -> null;
            };
            case HUMIDITY -> switch (l) {
                case "%", "%rh", "rh" -> Conversion.NONE;
                default -> null;
            };
            case RELAY -> null;
        };
        return Optional.ofNullable(c);
    }

    /** The metric a unit belongs to, for a discovered value without a device class; empty for ambiguous units (%). */
    static Optional<Metric> metricOf(String unit) {
        for (Metric m : new Metric[]{Metric.POWER, Metric.VOLTAGE, Metric.CURRENT, Metric.ENERGY, Metric.TEMPERATURE}) {
            if (conversion(m, unit).isPresent()) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
