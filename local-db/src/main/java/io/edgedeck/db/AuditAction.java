package io.edgedeck.db;

import java.util.Locale;

/** What an audit entry records. The wire name is what the log stores and hashes; it never changes once released. */
public enum AuditAction {
    OPERATOR_ADDED,
    OPERATOR_ROLE_CHANGED,
    OPERATOR_DISABLED,
    /** An operator management change was refused (role, disabled actor, ...). */
    OPERATOR_CHANGE_REFUSED,
    /** An operator's public key was registered or imported. */
    KEY_IMPORTED,
    /** An operator unlocked their key and started a session. */
    LOGIN,
    /** A signed relay command was published (outcome SENT), or its answer arrived (ACCEPTED, REJECTED, TIMEOUT). */
    COMMAND_SENT,
    /** A command was refused before signing: the operator's role or the device's rate limit. */
    COMMAND_REFUSED,
    ALARM_ACKNOWLEDGED,
    /** An acknowledgement was refused: signed out, a role that may not, a disabled operator, a changed key. */
    ALARM_ACKNOWLEDGE_REFUSED,
    /** An alert rule was added, changed or removed (the detail says which and the rule). */
    ALERT_RULE_CHANGED,
    /** A change of alert rules was refused (role, disabled operator, signed out). */
    ALERT_RULE_CHANGE_REFUSED;

    /** "operator_added", "command_sent", ... */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The action stored as {@code wire}; a name this version does not know is a clear error. */
    public static AuditAction fromWire(String wire) {
        for (AuditAction a : values()) {
            if (a.wireName().equals(wire)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown audit action '" + wire + "'");
    }
}
