package io.edgedeck.services.alerts;

import io.edgedeck.db.Alarm;
import io.edgedeck.db.AlertRule;
import io.edgedeck.db.AlertStore;
import io.edgedeck.db.Availability;
import io.edgedeck.db.CommitResult;
import io.edgedeck.db.DeviceKind;
import io.edgedeck.db.DeviceRecord;
import io.edgedeck.db.IngestBatch;
import io.edgedeck.db.Reading;
import io.edgedeck.link.mqtt.IngestListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Evaluates the alert rules against committed readings and device availability, and raises and clears alarms.
 *
 * <h2>Threads</h2>
 * {@link #committed} (called on the ingest writer thread) only hands the batch to {@code worker}; evaluation, the
 * store writes and the listeners all run there, one task at a time, so the state needs no locks and ingest never
 * waits for a database write or a listener. Evaluation per reading is a loop over the enabled rules and a map look-up.
 * {@link #tick()} (once a second from a timer) raises offline alarms and threshold alarms whose value has been past
 * the threshold for the rule's duration without a newer reading.
 *
 * <h2>Rules</h2>
 * Threshold rule: a reading past the threshold starts the duration; a reading back at or inside the threshold before
 * the duration is up cancels it (a short spike raises nothing); once raised, the alarm stays until a reading passes
 * the clear threshold (hysteresis: a value hovering around the threshold does not flap). Its peak is the most extreme
 * value seen. Offline rule: a device announced offline, or silent, for the rule's duration; cleared by its next
 * reading or "online". Durations of readings use the readings' times; the timer uses the clock.
 * <p>
 * Alarms still active when the console closed are picked up again by {@link #start()}; an alarm whose rule was
 * removed is cleared.
 */
public final class AlertEngine implements IngestListener {
    private static final Logger LOG = LoggerFactory.getLogger(AlertEngine.class);

    private final AlertStore store;
    private final Clock clock;
    private final Executor worker;
    private final List<AlarmListener> listeners = new CopyOnWriteArrayList<>();

    // ---- worker-thread state
    private List<AlertRule> rules = List.of();
    private Map<Long, AlertRule> ruleById = Map.of();
    private final Map<Key, Watch> watches = new HashMap<>();
    private final Map<String, Presence> devices = new HashMap<>();

    private record Key(long ruleId, String deviceId) {
    }

    /** One rule on one device. */
    private static final class Watch {
        long pastSince = -1;   // first reading of the current run past the threshold; -1: none
        double runExtreme;     // most extreme value of that run
        boolean lastPast;      // the latest reading was past the threshold
        Alarm alarm;           // the active alarm, or null
        double peak;
        boolean peakDirty;
    }

    /** What the engine knows of a device for offline rules. */
    private static final class Presence {
        final DeviceKind kind;
        long lastSeen;
        long offlineSince = -1; // announced offline at; -1 when online

        Presence(DeviceKind kind, long lastSeen) {
            this.kind = kind;
            this.lastSeen = lastSeen;
        }
    }

    /**
     * @param worker runs evaluation, writes and listeners, one task at a time in order (a single thread; tests pass
     *               {@code Runnable::run})
     */
    public AlertEngine(AlertStore store, Clock clock, Executor worker) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.worker = Objects.requireNonNull(worker, "worker");
    }

    public void addListener(AlarmListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(AlarmListener listener) {
        listeners.remove(listener);
    }

    /** Loads the rules and the alarms still active, and the known devices (for offline rules). */
    public void start(List<DeviceRecord> knownDevices) {
        submit(() -> {
            for (DeviceRecord d : knownDevices) {
                Presence p = new Presence(d.kind(), d.lastSeen().toEpochMilli());
                if (!d.online()) {
                    p.offlineSince = d.lastSeen().toEpochMilli();
                }
                devices.put(d.id(), p);
            }
            for (Alarm a : store.active()) {
                Watch w = watch(new Key(a.ruleId(), a.deviceId()));
                w.alarm = a;
                w.peak = a.peak() == null ? Double.NaN : a.peak();
            }
            loadRules();
        });
    }

    /** Reads the rules again (after an edit); alarms of removed or disabled rules are cleared now. */
    public void reloadRules() {
        submit(this::loadRules);
    }

    @Override
    public void committed(IngestBatch batch, CommitResult result) {
        if (batch.readings().isEmpty() && batch.availability().isEmpty()) {
            return;
        }
        submit(() -> evaluate(batch));
    }

    /** Time-based checks: offline devices, values past a threshold for the duration with no newer reading. */
    public void tick() {
        submit(this::checkTime);
    }

    // ---- worker thread

    private void submit(Runnable task) {
        try {
            worker.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warn("Alert evaluation failed: {}", e.getMessage(), e);
                }
            });
        } catch (RejectedExecutionException closing) {
            LOG.debug("alert engine stopped; task dropped");
        }
    }

    private void loadRules() {
        rules = store.rules().stream().filter(AlertRule::enabled).toList();
        ruleById = rules.stream().collect(java.util.stream.Collectors.toMap(AlertRule::id, r -> r));
        var live = rules.stream().map(AlertRule::id).collect(java.util.stream.Collectors.toSet());
        long now = clock.millis();
        for (var it = watches.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (!live.contains(e.getKey().ruleId())) {
                if (e.getValue().alarm != null) {
                    clear(e.getValue(), now);
                }
                it.remove();
            }
        }
    }

    private void evaluate(IngestBatch batch) {
        for (Availability a : batch.availability()) {
            Presence p = devices.computeIfAbsent(a.deviceId(), id -> new Presence(a.kind(), a.epochMillis()));
            if (a.online()) {
                seen(a.deviceId(), p, a.epochMillis());
            } else if (p.offlineSince < 0) {
                p.offlineSince = a.epochMillis();
            }
        }
        for (Reading r : batch.readings()) {
            Presence p = devices.computeIfAbsent(r.deviceId(), id -> new Presence(r.kind(), r.epochMillis()));
            seen(r.deviceId(), p, r.epochMillis());
            for (AlertRule rule : rules) {
                if (rule.type() != AlertRule.Type.THRESHOLD || !rule.appliesTo(r.deviceId(), r.kind())) {
                    continue;
                }
                Double v = r.value(rule.metric());
                if (v != null && Double.isFinite(v)) {
                    onValue(rule, r.deviceId(), v, r.epochMillis());
                }
            }
        }
    }

    private void seen(String deviceId, Presence p, long at) {
        p.lastSeen = Math.max(p.lastSeen, at);
        p.offlineSince = -1;
        for (AlertRule rule : rules) {
            if (rule.type() == AlertRule.Type.OFFLINE) {
                Watch w = watches.get(new Key(rule.id(), deviceId));
                if (w != null && w.alarm != null) {
                    clear(w, at);
                }
            }
        }
    }

    private void onValue(AlertRule rule, String deviceId, double v, long at) {
        Watch w = watch(new Key(rule.id(), deviceId));
        AlertRule.Direction dir = rule.direction();
        w.lastPast = dir.past(v, rule.threshold());
        if (w.alarm != null) {
            double peak = Double.isNaN(w.peak) ? v : dir.extreme(w.peak, v);
            if (peak != w.peak) {
                w.peak = peak;
                w.peakDirty = true;
            }
            if (dir.clears(v, rule.clearThreshold())) {
                clear(w, at);
            }
            return;
        }
        if (!w.lastPast) {
            w.pastSince = -1;
            return;
        }
        if (w.pastSince < 0 || at < w.pastSince) {
            w.pastSince = at;
            w.runExtreme = v;
        } else {
            w.runExtreme = dir.extreme(w.runExtreme, v);
        }
        if (at - w.pastSince >= rule.forDuration().toMillis()) {
            raise(rule, deviceId, w, at, w.runExtreme, what(rule, w.runExtreme));
        }
    }

    private void checkTime() {
        long now = clock.millis();
        // threshold rules with a duration: one pass over the watches
        for (var e : watches.entrySet()) {
            Watch w = e.getValue();
            if (w.alarm != null || !w.lastPast || w.pastSince < 0) {
                continue;
            }
            AlertRule rule = ruleById.get(e.getKey().ruleId());
            if (rule != null && rule.type() == AlertRule.Type.THRESHOLD && !rule.forDuration().isZero()
                    && now - w.pastSince >= rule.forDuration().toMillis()) {
                raise(rule, e.getKey().deviceId(), w, now, w.runExtreme, what(rule, w.runExtreme));
            }
        }
        for (AlertRule rule : rules) {
            if (rule.type() != AlertRule.Type.OFFLINE) {
                continue;
            }
            for (var d : devices.entrySet()) {
                if (!rule.appliesTo(d.getKey(), d.getValue().kind)) {
                    continue;
                }
                Presence p = d.getValue();
                long since = p.offlineSince >= 0 ? p.offlineSince : p.lastSeen;
                if (now - since < rule.forDuration().toMillis()) {
                    continue;
                }
                Watch w = watch(new Key(rule.id(), d.getKey()));
                if (w.alarm == null) {
                    raise(rule, d.getKey(), w, now, null, (p.offlineSince >= 0 ? "offline" : "silent")
                            + " since " + Instant.ofEpochMilli(since) + " (longer than "
                            + AlertRule.duration(rule.forDuration()) + ")");
                }
            }
        }
        for (Watch w : watches.values()) {
            if (w.alarm != null && w.peakDirty) {
                w.peakDirty = false;
                store.updatePeak(w.alarm.id(), w.peak);
            }
        }
    }

    private void raise(AlertRule rule, String deviceId, Watch w, long at, Double peak, String what) {
        Alarm alarm = store.raise(rule, deviceId, deviceId + ": " + what, Instant.ofEpochMilli(at), peak);
        w.alarm = alarm;
        w.peak = peak == null ? Double.NaN : peak;
        w.peakDirty = false;
        w.pastSince = -1;
        LOG.info("Alarm raised: {} ({})", alarm.message(), rule.name());
        for (AlarmListener l : listeners) {
            safely(() -> l.raised(alarm));
        }
    }

    private void clear(Watch w, long at) {
        Alarm cleared = store.clear(w.alarm.id(), Instant.ofEpochMilli(Math.max(at, w.alarm.raisedAt().toEpochMilli())),
                Double.isNaN(w.peak) ? null : w.peak);
        w.alarm = null;
        w.pastSince = -1;
        w.peakDirty = false;
        LOG.info("Alarm cleared: {} ({})", cleared.message(), cleared.ruleName());
        for (AlarmListener l : listeners) {
            safely(() -> l.cleared(cleared));
        }
    }

    /** Tells the listeners of an acknowledgement made elsewhere (on the caller's thread). */
    void acknowledged(Alarm alarm) {
        for (AlarmListener l : listeners) {
            safely(() -> l.acknowledged(alarm));
        }
    }

    private Watch watch(Key key) {
        return watches.computeIfAbsent(key, k -> new Watch());
    }

    private static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("An alarm listener failed: {}", e.toString(), e);
        }
    }

    /** "power > 2000 W for 10 s (peak 2450 W)". */
    private static String what(AlertRule rule, double peak) {
        return rule.metric().key() + " " + rule.direction().symbol() + " " + AlertRule.number(rule.threshold())
                + unit(rule) + (rule.forDuration().isZero() ? "" : " for " + AlertRule.duration(rule.forDuration()))
                + " (peak " + AlertRule.number(round(peak)) + unit(rule) + ")";
    }

    private static String unit(AlertRule rule) {
        return rule.metric().unit().isEmpty() ? "" : " " + rule.metric().unit();
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
