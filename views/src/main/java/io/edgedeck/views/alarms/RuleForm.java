package io.edgedeck.views.alarms;

import io.edgedeck.db.AlertRule;
import io.edgedeck.db.DeviceKind;
import io.edgedeck.db.Metric;
import io.edgedeck.services.alerts.AlertDurations;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.time.Duration;
import java.util.Locale;

/**
 * The rule editor's fields as typed; {@link #toRule()} turns them into a valid rule or says what is wrong. The device
 * field empty means every device of {@link #kindProperty() kind} (null: every device).
 */
public final class RuleForm {
    private long editingId;
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final ObjectProperty<AlertRule.Type> type = new SimpleObjectProperty<>(this, "type", AlertRule.Type.THRESHOLD);
    private final StringProperty device = new SimpleStringProperty(this, "device", "");
    private final ObjectProperty<DeviceKind> kind = new SimpleObjectProperty<>(this, "kind");
    private final ObjectProperty<Metric> metric = new SimpleObjectProperty<>(this, "metric", Metric.POWER);
    private final ObjectProperty<AlertRule.Direction> direction = new SimpleObjectProperty<>(this, "direction", AlertRule.Direction.ABOVE);
    private final StringProperty threshold = new SimpleStringProperty(this, "threshold", "");
    private final StringProperty clearThreshold = new SimpleStringProperty(this, "clearThreshold", "");
    private final StringProperty duration = new SimpleStringProperty(this, "duration", "");
    private final BooleanProperty enabled = new SimpleBooleanProperty(this, "enabled", true);

    public StringProperty nameProperty() { return name; }
    public ObjectProperty<AlertRule.Type> typeProperty() { return type; }
    public StringProperty deviceProperty() { return device; }
    public ObjectProperty<DeviceKind> kindProperty() { return kind; }
    public ObjectProperty<Metric> metricProperty() { return metric; }
    public ObjectProperty<AlertRule.Direction> directionProperty() { return direction; }
    public StringProperty thresholdProperty() { return threshold; }
    /** Empty: clears at the threshold itself (no hysteresis). */
    public StringProperty clearThresholdProperty() { return clearThreshold; }
    public StringProperty durationProperty() { return duration; }
    public BooleanProperty enabledProperty() { return enabled; }

    /** The id of the rule being edited; 0 for a new one. */
    public long editingId() {
        return editingId;
    }

    /** Empties the form for a new rule. */
    public void clear() {
        editingId = 0;
        name.set("");
        type.set(AlertRule.Type.THRESHOLD);
        device.set("");
        kind.set(null);
        metric.set(Metric.POWER);
        direction.set(AlertRule.Direction.ABOVE);
        threshold.set("");
        clearThreshold.set("");
        duration.set("");
        enabled.set(true);
    }

    /** Fills the form from a stored rule. */
    public void load(AlertRule r) {
        editingId = r.id();
        name.set(r.name());
        type.set(r.type());
        device.set(r.deviceId() == null ? "" : r.deviceId());
        kind.set(r.deviceKind());
        if (r.type() == AlertRule.Type.THRESHOLD) {
            metric.set(r.metric());
            direction.set(r.direction());
            threshold.set(AlertRule.number(r.threshold()));
            clearThreshold.set(AlertRule.number(r.clearThreshold()));
        } else {
            threshold.set("");
            clearThreshold.set("");
        }
        duration.set(r.forDuration().isZero() ? "" : AlertRule.duration(r.forDuration()).replace(" ", ""));
        enabled.set(r.enabled());
    }

    /** The rule the fields describe; an {@link IllegalArgumentException} says what to fix. */
    public AlertRule toRule() {
        Duration d = AlertDurations.parse(duration.get());
        if (type.get() == AlertRule.Type.OFFLINE) {
            return new AlertRule(editingId, name.get(), device.get(), kind.get(), AlertRule.Type.OFFLINE, null, null, 0,
                    0, d, enabled.get());
        }
        double t = number("threshold", threshold.get());
        double c = clearThreshold.get() == null || clearThreshold.get().isBlank() ? t
                : number("clear threshold", clearThreshold.get());
        return new AlertRule(editingId, name.get(), device.get(), kind.get(), AlertRule.Type.THRESHOLD, metric.get(),
                direction.get(), t, c, d, enabled.get());
    }

    private static double number(String what, String text) {
        String t = text == null ? "" : text.strip().replace(",", "");
        if (t.isEmpty()) {
            throw new IllegalArgumentException("give the " + what);
        }
        try {
            double v = Double.parseDouble(t);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the " + what + " '" + t + "' is not a number");
        }
    }

    /** "every device", "plugs", "sensors" for the kind chooser. */
    public static String kindLabel(DeviceKind k) {
        return k == null ? "every device" : k.name().toLowerCase(Locale.ROOT) + "s";
    }
}
