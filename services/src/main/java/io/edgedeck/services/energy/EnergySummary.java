package io.edgedeck.services.energy;

import java.time.Instant;
import java.util.List;

/** Every plug's energy and the fleet total, priced with {@code tariff}, as of {@code at}. */
public record EnergySummary(Instant at, Tariff tariff, List<PlugEnergy> plugs, PlugEnergy total) {
    public static final String TOTAL = "All plugs";

    public EnergySummary {
        plugs = List.copyOf(plugs);
    }
}
