package io.edgedeck.db;

import java.util.Locale;

/** How an audited action ended. The wire name is what the log stores and hashes. */
public enum AuditOutcome {
    /** Done (an operator change, a login). */
    OK,
    /** Refused by EdgeDeck before anything happened (role, rate limit, disabled operator). */
    REFUSED,
    /** A command was published; the device has not answered yet. */
    SENT,
    /** The device confirmed the command. */
    ACCEPTED,
    /** The device refused the command (the detail carries its reason). */
    REJECTED,
    /** The device did not answer in time. */
    TIMEOUT,
    /** The action failed for another reason (detail says which). */
    FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AuditOutcome fromWire(String wire) {
        for (AuditOutcome o : values()) {
            if (o.wireName().equals(wire)) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown audit outcome '" + wire + "'");
    }
}
