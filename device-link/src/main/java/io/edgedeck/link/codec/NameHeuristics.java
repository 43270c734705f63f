package io.edgedeck.link.codec;

import io.edgedeck.db.Metric;

import java.util.Locale;

/**
 * Guesses the metric of a value from its name, for publishers that name each value in the topic (ESPHome's
 * {@code <node>/sensor/<name>/state}, where the name is the sensor's name in lower case with {@code _} for spaces):
 * {@code living_room_temperature} is a temperature, {@code plug_power} a power, {@code power_factor} nothing EdgeDeck
 * stores. An explicit alias of the mapping rule always comes first.
 */
final class NameHeuristics {
    private NameHeuristics() {
    }

    /** The metric the name suggests, or null when it suggests none (or something EdgeDeck does not store). */
    static Metric metricOf(String name) {
        String n = name.toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        if (n.contains("factor") || n.contains("apparent") || n.contains("reactive") || n.contains("frequency")) {
            return null;
        }
        if (n.contains("temperature") || hasWord(n, "temp")) {
            return Metric.TEMPERATURE;
        }
        if (n.contains("humidity") || hasWord(n, "hum") || hasWord(n, "rh")) {
            return Metric.HUMIDITY;
        }
        if (n.contains("voltage") || hasWord(n, "volt") || hasWord(n, "volts")) {
            return Metric.VOLTAGE;
        }
        if (n.contains("current") || hasWord(n, "amps") || hasWord(n, "amp")) {
            return Metric.CURRENT;
        }
        if (n.contains("energy") || n.contains("kwh")) {
            return Metric.ENERGY;
        }
        if (n.contains("power") || n.contains("watt")) {
            return Metric.POWER;
        }
        return null;
    }

    /** True if the name says its energy is in kWh ({@code daily_energy_kwh}); ESPHome's own default is Wh. */
    static boolean saysKilowattHours(String name) {
        return name.toLowerCase(Locale.ROOT).contains("kwh");
    }

    private static boolean hasWord(String n, String word) {
        int i = n.indexOf(word);
        while (i >= 0) {
            int end = i + word.length();
            boolean startOk = i == 0 || n.charAt(i - 1) == '_';
            boolean endOk = end == n.length() || n.charAt(end) == '_';
            if (startOk && endOk) {
                return true;
            }
            i = n.indexOf(word, i + 1);
        }
        return false;
    }
}
