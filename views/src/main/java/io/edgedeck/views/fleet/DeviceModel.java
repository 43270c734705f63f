package io.edgedeck.views.fleet;

import io.edgedeck.db.DeviceKind;
import io.edgedeck.db.Metric;
import io.edgedeck.services.links.DeviceOrigins;
import io.edgedeck.services.presence.Presence;
import io.edgedeck.views.common.Formats;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * One device as the screens show it: the latest values and the derived texts of its tile and table row.
 * Changed only on the FX thread by {@link FleetModel}; views bind to it.
 */
public final class DeviceModel {
    private final String id;
    private final ReadOnlyObjectWrapper<DeviceKind> kind = new ReadOnlyObjectWrapper<>(this, "kind");
    private final ReadOnlyBooleanWrapper online = new ReadOnlyBooleanWrapper(this, "online");
    private final ReadOnlyObjectWrapper<DeviceStatus> status = new ReadOnlyObjectWrapper<>(this, "status", DeviceStatus.OFFLINE);
    private final ReadOnlyObjectWrapper<Instant> firstSeen = new ReadOnlyObjectWrapper<>(this, "firstSeen");
    private final ReadOnlyLongWrapper lastSeenMillis = new ReadOnlyLongWrapper(this, "lastSeenMillis");
    private final ReadOnlyStringWrapper lastSeenText = new ReadOnlyStringWrapper(this, "lastSeenText", "never");
    private final ReadOnlyStringWrapper presenceText = new ReadOnlyStringWrapper(this, "presenceText", "never heard from");
    private final ReadOnlyObjectWrapper<Presence.Reason> offlineReason =
            new ReadOnlyObjectWrapper<>(this, "offlineReason", Presence.Reason.NEVER_SEEN);
    private final Map<Metric, ReadOnlyDoubleWrapper> values = new EnumMap<>(Metric.class);
    private final Map<Metric, Long> valueTimes = new EnumMap<>(Metric.class);
    private final ReadOnlyDoubleWrapper mainValue = new ReadOnlyDoubleWrapper(this, "mainValue", Double.NaN);
    private final ReadOnlyStringWrapper mainText = new ReadOnlyStringWrapper(this, "mainText", "–");
    private final ReadOnlyStringWrapper mainUnit = new ReadOnlyStringWrapper(this, "mainUnit", "");
    private final ReadOnlyStringWrapper detailText = new ReadOnlyStringWrapper(this, "detailText", "");
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper(this, "statusText", "");
    private final ReadOnlyObjectWrapper<Boolean> relayOn = new ReadOnlyObjectWrapper<>(this, "relayOn");
    private final ReadOnlyStringWrapper broker = new ReadOnlyStringWrapper(this, "broker", "");
    private final ReadOnlyStringWrapper brokerNote = new ReadOnlyStringWrapper(this, "brokerNote", "");
    private final ReadOnlyStringWrapper dropWarning = new ReadOnlyStringWrapper(this, "dropWarning", "");
    private long onlineAtMillis = Long.MIN_VALUE;
    /** The device's usual interval between readings (moving average), NaN until two readings were seen. */
    private double intervalMillis = Double.NaN;

    DeviceModel(String id, DeviceKind kind) {
        this.id = id;
        this.kind.set(kind);
        for (Metric m : Metric.values()) {
            values.put(m, new ReadOnlyDoubleWrapper(this, m.key(), Double.NaN));
        }
        mainUnit.set(mainMetric(kind).unit());
    }

    // ---- Properties

    /**
     * The connection (profile name) the device was last heard on, remembered across restarts; "was NAME" when that
     * profile no longer exists; empty when the device was never heard.
     */
    public ReadOnlyStringProperty brokerProperty() {
        return broker.getReadOnlyProperty();
    }

    /** Empty, or why the broker shows as "was NAME" (the Broker cell's tooltip). */
    public ReadOnlyStringProperty brokerNoteProperty() {
        return brokerNote.getReadOnlyProperty();
    }

    /** Empty, or the last sign that the broker dropped this device's readings, in words. */
    public ReadOnlyStringProperty dropWarningProperty() {
        return dropWarning.getReadOnlyProperty();
    }

    /** FX thread. */
    public void setBroker(String connection) {
        broker.set(connection == null ? "" : connection);
        brokerNote.set("");
    }

    /** Where the device was last heard, or null when never. FX thread. */
    public void setOrigin(DeviceOrigins.Origin origin) {
        if (origin == null) {
            setBroker("");
            return;
        }
        broker.set(origin.label());
        brokerNote.set(origin.gone() ? "This device was last heard on the connection '" + origin.connection()
                + "', which no longer exists (its profile was deleted or renamed). It cannot be switched until it is "
                + "heard again on one of the connections." : "");
    }

    /** The broker evidently dropped readings of this device. FX thread. */
    public void markDropWarning(String message) {
        dropWarning.set(message == null ? "" : message);
    }

    public String id() {
        return id;
    }

    public ReadOnlyObjectProperty<DeviceKind> kindProperty() {
        return kind.getReadOnlyProperty();
    }

    public DeviceKind kind() {
        return kind.get();
    }

    public ReadOnlyBooleanProperty onlineProperty() {
        return online.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<DeviceStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    public DeviceStatus status() {
        return status.get();
    }

    public ReadOnlyObjectProperty<Instant> firstSeenProperty() {
        return firstSeen.getReadOnlyProperty();
    }

    /** Wall time the console last heard from the device (0 = never). */
    public ReadOnlyLongProperty lastSeenMillisProperty() {
        return lastSeenMillis.getReadOnlyProperty();
    }

    public long lastSeenMillis() {
        return lastSeenMillis.get();
    }

    /** "3 s ago". */
    public ReadOnlyStringProperty lastSeenTextProperty() {
        return lastSeenText.getReadOnlyProperty();
    }

    /**
     * When it was last heard and, when offline, why: "online · last heard 3 s ago", "offline: silent for 2 min, usually
     * every 1 s", "offline: announced (Last Will or availability topic) · last heard 5 min ago" (see {@link Presence}).
     * For tooltips and pickers; refreshed by the fleet's shared pulse.
     */
    public ReadOnlyStringProperty presenceTextProperty() {
        return presenceText.getReadOnlyProperty();
    }

    /** Why it is offline; {@link Presence.Reason#NONE} while online or stale. */
    public ReadOnlyObjectProperty<Presence.Reason> offlineReasonProperty() {
        return offlineReason.getReadOnlyProperty();
    }

    /** The latest value of a metric, NaN when none is known. */
    public ReadOnlyDoubleProperty valueProperty(Metric metric) {
        return values.get(metric).getReadOnlyProperty();
    }

    public double value(Metric metric) {
        return values.get(metric).get();
    }

    /** The headline value: power for plugs, temperature for sensors, NaN when unknown. */
    public ReadOnlyDoubleProperty mainValueProperty() {
        return mainValue.getReadOnlyProperty();
    }

    /** The headline value as text with its unit, e.g. "119.6 W" (for tables). */
    public ReadOnlyStringProperty mainTextProperty() {
        return mainText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty mainUnitProperty() {
        return mainUnit.getReadOnlyProperty();
    }

    /** The secondary values, e.g. "230.4 V · 0.52 A" or "48 %RH". */
    public ReadOnlyStringProperty detailTextProperty() {
        return detailText.getReadOnlyProperty();
    }

    /** "relay ON · 3 s ago", "stale · silent 14 s", "offline (announced) · 5 min ago", "offline · silent 2 min". */
    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    /** The plug's relay: true on, false off, null unknown. */
    public ReadOnlyObjectProperty<Boolean> relayOnProperty() {
        return relayOn.getReadOnlyProperty();
    }

    /** The metric a device's tile leads with and the History screen opens on. */
    public static Metric mainMetric(DeviceKind kind) {
        return kind == DeviceKind.SENSOR ? Metric.TEMPERATURE : Metric.POWER;
    }

    // ---- Changes (FleetModel only, FX thread)

    void setFirstSeen(Instant instant) {
        if (instant != null && (firstSeen.get() == null || instant.isBefore(firstSeen.get()))) {
            firstSeen.set(instant);
        }
    }

    /** Applies an update; older values than the ones shown are ignored. */
    void apply(DeviceUpdate u) {
        if (u.kind() != null && u.kind() != kind.get() && u.kind() != DeviceKind.GENERIC) {
            kind.set(u.kind());
        }
        u.values().forEach((metric, sample) -> {
            Long at = valueTimes.get(metric);
            if (at == null || sample.atMillis() >= at) {
                valueTimes.put(metric, sample.atMillis());
                values.get(metric).set(sample.value());
            }
        });
        if (u.online() != null && u.onlineAtMillis() >= onlineAtMillis) {
            onlineAtMillis = u.onlineAtMillis();
            online.set(u.online());
        }
        if (u.seenMillis() > lastSeenMillis.get()) {
            long previous = lastSeenMillis.get();
            if (previous > 0 && !u.values().isEmpty()) learnInterval(u.seenMillis() - previous);
            lastSeenMillis.set(u.seenMillis());
        }
        if (firstSeen.get() == null && u.seenMillis() > 0) {
            firstSeen.set(Instant.ofEpochMilli(u.seenMillis()));
        }
        if (u.earliestMillis() > 0) {
            setFirstSeen(Instant.ofEpochMilli(u.earliestMillis())); // a reading older than what it had: late history
        }
        refreshValues();
    }

    private void learnInterval(long delta) {
        if (Double.isNaN(intervalMillis)) {
            intervalMillis = delta;
        } else if (delta <= 3 * intervalMillis) { // a silence is not an interval
            intervalMillis += 0.2 * (delta - intervalMillis);
        }
    }

    /** The usual interval between the device's readings, NaN while unknown. */
    public double intervalMillis() {
        return intervalMillis;
    }

    /**
     * Recomputes status and age texts for the time {@code nowMillis} by the shared {@link Presence} rule: online
     * devices silent for longer than {@code staleAfterMillis} (or 3 of their intervals, if longer) are stale; silent
     * for {@link Presence#OFFLINE_AFTER_INTERVALS} of their intervals (and {@link Presence#OFFLINE_AFTER_AT_LEAST})
     * they count as offline, as if their Last Will had come.
     */
    void refreshTime(long nowMillis, long staleAfterMillis) {
        Presence p = Presence.of(online.get(), lastSeenMillis.get(), intervalMillis, nowMillis,
                Duration.ofMillis(staleAfterMillis));
        DeviceStatus s = DeviceStatus.valueOf(p.state().name());
        status.set(s);
        offlineReason.set(p.reason());
        setIfChanged(lastSeenText, p.lastHeard());
        setIfChanged(presenceText, p.summary());
        String ago = lastSeenText.get();
        String text = switch (p.reason()) {
            case NEVER_SEEN -> "offline · never seen";
            case ANNOUNCED -> "offline (announced) · " + ago;
            case SILENT -> "offline · silent " + ago.replace(" ago", "");
            case NONE -> s == DeviceStatus.STALE ? "stale · silent " + ago.replace(" ago", "") : relayText() + ago;
        };
        setIfChanged(statusText, text);
    }

    private String relayText() {
        Boolean r = relayOn.get();
        return r == null ? "online · " : r ? "relay ON · " : "relay OFF · ";
    }

    private void refreshValues() {
        Metric main = currentMainMetric();
        setIfChanged(mainUnit, main.unit());
        double v = values.get(main).get();
        mainValue.set(v);
        setIfChanged(mainText, Double.isNaN(v) ? "–" : Formats.number(v, decimals(main)) + " " + main.unit());
        double relay = values.get(Metric.RELAY).get();
        relayOn.set(Double.isNaN(relay) ? null : relay >= 0.5);
        String detail = switch (kind.get()) {
            case PLUG -> Formats.number(value(Metric.VOLTAGE), 1) + " V · " + Formats.number(value(Metric.CURRENT), 2) + " A";
            case SENSOR -> "humidity " + Formats.number(value(Metric.HUMIDITY), 0) + " %RH";
            case GENERIC -> genericDetail();
        };
        setIfChanged(detailText, detail);
    }

    private String genericDetail() {
        var b = new StringBuilder();
        for (Metric m : Metric.values()) {
            double v = value(m);
            if (!Double.isNaN(v) && m != currentMainMetric()) {
                if (!b.isEmpty()) {
                    b.append(" · ");
                }
                b.append(m.key()).append(' ').append(Formats.number(v, decimals(m))).append(' ').append(m.unit());
            }
        }
        return b.toString().trim();
    }

    /** The headline metric; a generic publisher's is the first metric it has sent of power, temperature, humidity, ... */
    public Metric currentMainMetric() {
        if (kind.get() != DeviceKind.GENERIC) {
            return mainMetric(kind.get());
        }
        for (Metric m : new Metric[]{Metric.POWER, Metric.TEMPERATURE, Metric.HUMIDITY, Metric.VOLTAGE, Metric.CURRENT, Metric.ENERGY}) {
            if (!Double.isNaN(value(m))) {
                return m;
            }
        }
        return Metric.POWER;
    }

    static int decimals(Metric m) {
        return switch (m) {
            case CURRENT, ENERGY -> 2;
            case RELAY -> 0;
            default -> 1;
        };
    }

    private static void setIfChanged(ReadOnlyStringWrapper p, String v) {
        if (!v.equals(p.get())) {
            p.set(v);
        }
    }

    @Override
    public String toString() {
        return "DeviceModel[" + id + "]";
    }
}
