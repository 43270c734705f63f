package io.edgedeck.link.sim;

import io.edgedeck.link.mqtt.BrokerSettings;

import java.util.List;

/** A simulated fleet publishing in the product brief's formats to any broker. */
public final class FleetSimulator implements AutoCloseable {
    public FleetSimulator(BrokerSettings broker, SimulationConfig config) {
        throw new UnsupportedOperationException("TODO sim");
    }

    /** Connects every device and starts publishing; throws LinkException when the broker cannot be reached. */
    public void start() {
        throw new UnsupportedOperationException("TODO sim");
    }

    /** Ids of the simulated devices. */
    public List<String> deviceIds() {
        throw new UnsupportedOperationException("TODO sim");
    }

    /** Messages published so far. */
    public long published() {
        throw new UnsupportedOperationException("TODO sim");
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("TODO sim");
    }
}
