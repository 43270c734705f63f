package io.edgedeck.views.relay;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One plug's relay control as the tile and the Devices tab show it: the relay state, "pending…" while a command is
 * out, whether it can be used and why not, and the last problem ("refused: expired"). Changed only by
 * {@link RelayControlViewModel}, on the FX thread.
 */
public final class RelaySwitch {
    private final String deviceId;
    private final ReadOnlyObjectWrapper<Boolean> relayOn = new ReadOnlyObjectWrapper<>(this, "relayOn");
    private final ReadOnlyBooleanWrapper pending = new ReadOnlyBooleanWrapper(this, "pending");
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "text", "–");
    private final ReadOnlyBooleanWrapper disabled = new ReadOnlyBooleanWrapper(this, "disabled");
    private final ReadOnlyStringWrapper hint = new ReadOnlyStringWrapper(this, "hint", "");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    long requestId;
    Boolean target;
    long pendingSinceMillis;

    RelaySwitch(String deviceId) {
        this.deviceId = deviceId;
    }

    public String deviceId() {
        return deviceId;
    }

    // ---- Properties

    /** The relay as last reported (status, telemetry or the command's answer): true on, false off, null unknown. */
    public ReadOnlyObjectProperty<Boolean> relayOnProperty() {
        return relayOn.getReadOnlyProperty();
    }

    /** True while a command is out and neither the device's status nor the answer has come. */
    public ReadOnlyBooleanProperty pendingProperty() {
        return pending.getReadOnlyProperty();
    }

    public boolean isPending() {
        return pending.get();
    }

    /** "ON", "OFF", "–" (unknown) or "pending…". */
    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    /** True when the control cannot be used now (role, offline, pending); {@link #hintProperty()} says why. */
    public ReadOnlyBooleanProperty disabledProperty() {
        return disabled.getReadOnlyProperty();
    }

    public boolean isDisabled() {
        return disabled.get();
    }

    /** The control's tooltip: what a click does, or why it cannot be used. */
    public ReadOnlyStringProperty hintProperty() {
        return hint.getReadOnlyProperty();
    }

    public String hint() {
        return hint.get();
    }

    /** The last command's problem in a few words ("refused: expired", "no answer"); "" when the last one went fine. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public String problem() {
        return problem.get();
    }

    public String text() {
        return text.get();
    }

    // ---- Changes (RelayControlViewModel)

    void setRelayOn(Boolean on) {
        relayOn.set(on);
        updateText();
    }

    void setPending(boolean value) {
        pending.set(value);
        updateText();
    }

    void setUsable(boolean usable, String why) {
        disabled.set(!usable);
        hint.set(why);
    }

    void setProblem(String value) {
        problem.set(value == null ? "" : value);
    }

    private void updateText() {
        Boolean on = relayOn.get();
        text.set(pending.get() ? "pending…" : on == null ? "–" : on ? "ON" : "OFF");
    }
}
