package io.edgedeck.link.sim;

import io.edgedeck.db.DeviceKind;
import io.edgedeck.db.Metric;
import io.edgedeck.db.Reading;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The past of the simulated demo fleet, so that a fresh demo console has days of history and energy to show: the
 * same device ids and appliances as a {@link FleetSimulator} with the same plug/sensor counts and seed, sampled every
 * {@code stepMillis} over [from, to).
 *
 * <p>The plugs' energy counter is left out: the live plugs' counters start elsewhere, and a jump between the two
 * would read as energy. The past's energy comes from integrated power instead (a step of at most 10 minutes).
 */
public final class DemoHistory {
    private static final int BATCH = 10_000;

    private DemoHistory() {
    }

    /** Hands the readings to {@code sink} in time order, in batches of at most 10,000. */
    public static void generate(SimulationConfig config, ZoneId zone, long from, long to, long stepMillis,
                                Consumer<List<Reading>> sink) {
        if (stepMillis <= 0 || stepMillis > 600_000) {
            throw new IllegalArgumentException("step must be 1 ms to 10 minutes, was " + stepMillis);
        }
        SplittableRandom master = new SplittableRandom(config.seed());
        master.split(); // FleetSimulator's drop random
        int plugWidth = Math.max(2, String.valueOf(config.plugs()).length());
        int sensorWidth = Math.max(2, String.valueOf(config.sensors()).length());
        List<String> plugIds = new ArrayList<>();
        List<PlugModel> plugs = new ArrayList<>();
        for (int i = 1; i <= config.plugs(); i++) {
            Appliance a = FleetSimulator.applianceFor(i, master);
            plugIds.add(String.format(Locale.ROOT, "sim-plug-%0" + plugWidth + "d", i));
            plugs.add(new PlugModel(a, master.nextLong(), zone));
        }
        List<String> sensorIds = new ArrayList<>();
        List<ClimateModel> sensors = new ArrayList<>();
        for (int i = 1; i <= config.sensors(); i++) {
            sensorIds.add(String.format(Locale.ROOT, "sim-climate-%0" + sensorWidth + "d", i));
            sensors.add(new ClimateModel(master.nextLong(), zone));
        }
        List<Reading> batch = new ArrayList<>(BATCH);
        for (long ts = from; ts < to; ts += stepMillis) {
            for (int i = 0; i < plugs.size(); i++) {
                PlugModel.Sample s = plugs.get(i).sample(ts, null);
                Map<Metric, Double> v = new EnumMap<>(Metric.class);
                v.put(Metric.VOLTAGE, s.voltage());
                v.put(Metric.CURRENT, s.current());
                v.put(Metric.POWER, s.power());
                v.put(Metric.RELAY, s.relayOn() ? 1.0 : 0.0);
                batch.add(new Reading(plugIds.get(i), DeviceKind.PLUG, ts, v));
            }
            for (int i = 0; i < sensors.size(); i++) {
                ClimateModel.Sample s = sensors.get(i).sample(ts);
                batch.add(new Reading(sensorIds.get(i), DeviceKind.SENSOR, ts,
                        Map.of(Metric.TEMPERATURE, s.temperature(), Metric.HUMIDITY, s.humidity())));
            }
            if (batch.size() >= BATCH) {
                sink.accept(List.copyOf(batch));
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            sink.accept(List.copyOf(batch));
        }
    }
}
