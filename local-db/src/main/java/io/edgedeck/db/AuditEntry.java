package io.edgedeck.db;

import java.util.Objects;

/**
 * One thing to record in the {@link AuditLog}; the log adds the sequence number, the time and the hashes
 * ({@link AuditRecord}). {@code operator} is the acting operator's name (null only before any operator exists),
 * {@code keyId} the key they acted with, {@code device} the device concerned; all three may be null.
 * The factory methods give each action the same shape of detail everywhere (CLI and UI).
 */
public record AuditEntry(String operator, String keyId, AuditAction action, String device, String detail,
                         AuditOutcome outcome) {
    public AuditEntry {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
    }

    public static AuditEntry operatorAdded(String actor, Operator added, boolean bootstrap) {
        return new AuditEntry(actor, null, AuditAction.OPERATOR_ADDED, null,
                "operator=" + added.name() + " role=" + added.role().wireName() + " key=" + added.keyId()
                        + (bootstrap ? " (first operator, made admin)" : ""), AuditOutcome.OK);
    }

    public static AuditEntry keyImported(String actor, String operatorName, String keyId) {
        return new AuditEntry(actor, null, AuditAction.KEY_IMPORTED, null,
                "operator=" + operatorName + " key=" + keyId, AuditOutcome.OK);
    }

    public static AuditEntry roleChanged(String actor, String operatorName, Role from, Role to) {
        return new AuditEntry(actor, null, AuditAction.OPERATOR_ROLE_CHANGED, null,
                "operator=" + operatorName + " role=" + from.wireName() + "->" + to.wireName(), AuditOutcome.OK);
    }

    public static AuditEntry disabled(String actor, String operatorName) {
        return new AuditEntry(actor, null, AuditAction.OPERATOR_DISABLED, null, "operator=" + operatorName,
                AuditOutcome.OK);
    }

    /** An operator change that was refused; {@code reason} is the message the person saw. */
    public static AuditEntry operatorChangeRefused(String actor, String reason) {
        return new AuditEntry(actor, null, AuditAction.OPERATOR_CHANGE_REFUSED, null, reason, AuditOutcome.REFUSED);
    }

    public static AuditEntry login(String operatorName, String keyId) {
        return new AuditEntry(operatorName, keyId, AuditAction.LOGIN, null, null, AuditOutcome.OK);
    }

    /**
     * A signed command: append it with {@link AuditOutcome#SENT} before publishing, then again with the device's
     * answer (ACCEPTED, REJECTED with {@code reason}, TIMEOUT), so a crash in between still leaves the command on
     * record. {@code command} is the wire name (relay_on, ...).
     */
    public static AuditEntry command(String operatorName, String keyId, String device, String command, String nonce,
                                     AuditOutcome outcome, String reason) {
        return new AuditEntry(operatorName, keyId, AuditAction.COMMAND_SENT, device,
                "command=" + command + " nonce=" + nonce + (reason == null ? "" : " reason=" + reason), outcome);
    }

    /** A command refused before signing: the role or the rate limit; {@code reason} is the message shown. */
    public static AuditEntry commandRefused(String operatorName, String device, String command, String reason) {
        return new AuditEntry(operatorName, null, AuditAction.COMMAND_REFUSED, device,
                "command=" + command + " reason=" + reason, AuditOutcome.REFUSED);
    }

    public static AuditEntry alarmAcknowledged(String operatorName, String device, String alarm) {
        return new AuditEntry(operatorName, null, AuditAction.ALARM_ACKNOWLEDGED, device, alarm, AuditOutcome.OK);
    }

    /** An acknowledgement refused before anything changed; {@code reason} is the message the person saw. */
    public static AuditEntry alarmAcknowledgeRefused(String operatorName, String device, String alarm, String reason) {
        return new AuditEntry(operatorName, null, AuditAction.ALARM_ACKNOWLEDGE_REFUSED, device,
                alarm + " reason=" + reason, AuditOutcome.REFUSED);
    }

    /** {@code change}: "added Over-power: …", "changed …", "removed …" (the rule as {@link AlertRule#describe()}). */
    public static AuditEntry alertRuleChanged(String operatorName, String device, String change) {
        return new AuditEntry(operatorName, null, AuditAction.ALERT_RULE_CHANGED, device, change, AuditOutcome.OK);
    }

    public static AuditEntry alertRuleChangeRefused(String operatorName, String device, String change, String reason) {
        return new AuditEntry(operatorName, null, AuditAction.ALERT_RULE_CHANGE_REFUSED, device,
                change + " reason=" + reason, AuditOutcome.REFUSED);
    }
}
