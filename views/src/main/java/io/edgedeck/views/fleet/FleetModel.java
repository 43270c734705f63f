package io.edgedeck.views.fleet;

import io.edgedeck.db.CommitResult;
import io.edgedeck.db.DeviceKind;
import io.edgedeck.db.DeviceRecord;
import io.edgedeck.db.IngestBatch;
import io.edgedeck.db.LocalStore;
import io.edgedeck.db.Metric;
import io.edgedeck.db.Reading;
import io.edgedeck.link.mqtt.IngestListener;
import io.edgedeck.services.presence.Presence;
import io.edgedeck.views.common.Tasks;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live state of every known device, shared by the Dashboard and Devices screens.
 * <p>
 * Ingest commits arrive on the pipeline's writer thread at any rate ({@link #committed}); they are only merged into a
 * concurrent map of pending updates, one entry per device. The FX thread calls {@link #pulse()} a few times a second:
 * it applies what is pending (so a device that sent 50 readings since the last pulse costs one update) and refreshes
 * the time-dependent texts. No {@code Platform.runLater} per message.
 */
public final class FleetModel implements IngestListener {
    /** Silence after which an online device is shown as stale ({@link Presence#STALE_AFTER}). */
    public static final Duration STALE_AFTER = Presence.STALE_AFTER;

    private final Clock clock;
    private final ObservableList<DeviceModel> devices = FXCollections.observableArrayList();
    private final ObservableList<DeviceModel> readOnlyDevices = FXCollections.unmodifiableObservableList(devices);
    private final Map<String, DeviceModel> byId = new HashMap<>();
    private final ConcurrentHashMap<String, DeviceUpdate> pending = new ConcurrentHashMap<>();
    private final ReadOnlyStringWrapper loadError = new ReadOnlyStringWrapper(this, "loadError", "");
    private volatile boolean closed;

    public FleetModel(Clock clock) {
        this.clock = clock;
    }

    // ---- Properties

    /** Every known device, in order of first appearance. FX thread. */
    public ObservableList<DeviceModel> devices() {
        return readOnlyDevices;
    }

    public Optional<DeviceModel> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Empty, or why the initial load failed. */
    public ReadOnlyStringProperty loadErrorProperty() {
        return loadError.getReadOnlyProperty();
    }

    /** Devices with pending (not yet shown) updates. */
    public int pendingCount() {
        return pending.size();
    }

    // ---- Commands

    /** Called on the ingest writer thread: merges the batch into the pending map and returns. */
    @Override
    public void committed(IngestBatch batch, CommitResult result) {
        if (closed) {
            return;
        }
        long now = clock.millis();
        for (Reading r : batch.readings()) {
            offer(DeviceUpdate.ofReading(r.deviceId(), r.kind(), r.values(), r.epochMillis(), now));
        }
        for (var a : batch.availability()) {
            offer(DeviceUpdate.ofAvailability(a.deviceId(), a.kind(), a.online(), a.epochMillis(), now));
        }
    }

    private void offer(DeviceUpdate u) {
        pending.merge(u.id(), u, DeviceUpdate::merge);
    }

    /**
     * FX thread: applies pending updates (creating models for new devices) and refreshes status and last-seen texts.
     *
     * @return true when a device was added
     */
    public boolean pulse() {
        var newDevices = new ArrayList<DeviceModel>();
        for (String id : pending.keySet()) {
            DeviceUpdate u = pending.remove(id);
            if (u == null) {
                continue;
            }
            DeviceModel d = byId.get(id);
            if (d == null) {
                d = new DeviceModel(id, u.kind() == null ? DeviceKind.GENERIC : u.kind());
                byId.put(id, d);
                newDevices.add(d);
            }
            d.apply(u);
        }
        long now = clock.millis();
        long stale = STALE_AFTER.toMillis();
        for (DeviceModel d : devices) {
            d.refreshTime(now, stale);
        }
        for (DeviceModel d : newDevices) {
            d.refreshTime(now, stale);
        }
        if (!newDevices.isEmpty()) {
            devices.addAll(newDevices);
        }
        return !newDevices.isEmpty();
    }

    /**
     * Loads the registry and each device's latest values in the background, then shows them. Values that arrived
     * live in the meantime are newer and are kept.
     */
    public void loadInitial(LocalStore store, Tasks tasks, Runnable whenDone) {
        tasks.run("loading devices", () -> readInitial(store), snapshot -> {
            applyInitial(snapshot);
            whenDone.run();
        }, failure -> {
            loadError.set("Could not load devices: " + Tasks.describe(failure));
            whenDone.run();
        });
    }

    /** Background thread: the registry plus the latest reading of each device's metrics. */
    static List<Initial> readInitial(LocalStore store) {
        var out = new ArrayList<Initial>();
        for (DeviceRecord rec : store.devices().all()) {
            var values = new HashMap<Metric, Reading>();
            for (Metric m : metricsOf(rec.kind())) {
                if (values.containsKey(m)) {
                    continue; // already in the reading found for an earlier metric
                }
                store.readings().latest(rec.id(), m).ifPresent(r -> r.values().keySet().forEach(k -> values.putIfAbsent(k, r)));
            }
            out.add(new Initial(rec, values));
        }
        return out;
    }

    /** The metrics a kind of device reports. */
    public static List<Metric> metricsOf(DeviceKind kind) {
        return switch (kind) {
            case PLUG -> List.of(Metric.POWER, Metric.VOLTAGE, Metric.CURRENT, Metric.RELAY, Metric.ENERGY);
            case SENSOR -> List.of(Metric.TEMPERATURE, Metric.HUMIDITY);
            case GENERIC -> List.of(Metric.POWER, Metric.TEMPERATURE, Metric.HUMIDITY, Metric.VOLTAGE, Metric.CURRENT, Metric.ENERGY);
        };
    }

    record Initial(DeviceRecord record, Map<Metric, Reading> latest) {
    }

    void applyInitial(List<Initial> snapshot) {
        var newDevices = new ArrayList<DeviceModel>();
        for (Initial i : snapshot) {
            DeviceRecord rec = i.record();
            DeviceModel d = byId.get(rec.id());
            if (d == null) {
                d = new DeviceModel(rec.id(), rec.kind());
                byId.put(rec.id(), d);
                newDevices.add(d);
            }
            long seen = rec.lastSeen() == null ? 0 : rec.lastSeen().toEpochMilli();
            // Registry state counts as announced at its last-seen time: a live announcement made since is newer.
            d.apply(new DeviceUpdate(rec.id(), rec.kind(), Map.of(), rec.online(), seen, seen));
            for (var e : i.latest().entrySet()) {
                Reading r = e.getValue();
                Double v = r.value(e.getKey());
                if (v != null) {
                    d.apply(new DeviceUpdate(rec.id(), rec.kind(),
                            Map.of(e.getKey(), new DeviceUpdate.Sample(v, r.epochMillis())), null, 0, 0));
                }
            }
            d.setFirstSeen(rec.firstSeen());
        }
        newDevices.sort((a, b) -> a.id().compareTo(b.id()));
        long now = clock.millis();
        newDevices.forEach(d -> d.refreshTime(now, STALE_AFTER.toMillis()));
        devices.addAll(newDevices);
    }

    /** FX thread: forgets every device and pending update (the console switched to another connection). */
    public void clear() {
        pending.clear();
        byId.clear();
        devices.clear();
        loadError.set("");
    }

    /** Stops taking updates (the feed has no way to remove a listener). */
    public void close() {
        closed = true;
        pending.clear();
    }
}
