package io.edgedeck.link.sim;

/**
 * @param plugs     number of smart plugs ({@code sim-plug-01} ...)
 * @param sensors   number of climate sensors ({@code sim-climate-01} ...)
 * @param rateHz    telemetry messages per second per plug (sensors batch their readings)
 * @param seed      random seed, so a run can be repeated
 */
public record SimulationConfig(int plugs, int sensors, double rateHz, long seed) {
    public SimulationConfig {
        if (plugs < 0 || sensors < 0) throw new IllegalArgumentException("device counts must not be negative");
        if (!(rateHz > 0)) throw new IllegalArgumentException("rate must be positive");
    }

    public static SimulationConfig demo() {
        return new SimulationConfig(12, 4, 1.0, 42);
    }
}
