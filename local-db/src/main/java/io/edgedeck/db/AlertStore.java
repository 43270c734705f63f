package io.edgedeck.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Alert rules and alarms in the local database (tables {@code alert_rule} and {@code alarm}). Rule names are unique
 * ignoring case. Acknowledging an alarm and its audit entry are committed together, once: a second acknowledgement
 * is refused. Thread-safe.
 */
public final class AlertStore {
    private static final String RULE_COLUMNS = "id, name, device_id, device_kind, rule_type, metric, direction, "
            + "threshold, clear_threshold, for_millis, enabled";
    private static final String ALARM_COLUMNS = "id, rule_id, rule_name, device_id, message, raised_at, cleared_at, "
            + "peak, acknowledged_by, acknowledged_at";

    private final StoreConnections db;
    private final AuditLog audit;
    private final Clock clock;
    private final String location;

    AlertStore(StoreConnections db, AuditLog audit, Clock clock, String location) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
        this.location = location;
    }

    // ---- Rules

    /** Every rule, by name. */
    public List<AlertRule> rules() {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + RULE_COLUMNS + " FROM alert_rule ORDER BY LOWER(name)");
                 ResultSet rs = ps.executeQuery()) {
                List<AlertRule> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(rule(rs));
                }
                return out;
            }
        });
    }

    /** The rule with this name, ignoring case. */
    public Optional<AlertRule> findRule(String name) {
        String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return rules().stream().filter(r -> r.name().toLowerCase(Locale.ROOT).equals(key)).findFirst();
    }

    /** Stores a new rule and returns it with its id; a name already taken is an {@link IllegalArgumentException}. */
    public AlertRule addRule(AlertRule rule) {
        return write(c -> insertRule(c, rule));
    }

    /** Replaces the stored rule with the same id. */
    public AlertRule updateRule(AlertRule rule) {
        return write(c -> updateRule(c, rule));
    }

    /** Removes a rule; its alarms stay in the history. False when there was no such rule. */
    public boolean removeRule(long id) {
        return write(c -> deleteRule(c, id));
    }

    /**
     * Adds ({@code rule.id()} 0) or replaces a rule as {@code by}, with an {@code alert_rule_changed} audit entry in the
     * same transaction. Refused with {@link AccessRefusedException} (and audited) when {@code by} may not edit rules;
     * {@code by} null is someone not signed in.
     */
    public AlertRule saveRule(AlertRule rule, Operator by) {
        boolean added = rule.id() == 0;
        String change = (added ? "added " : "changed ") + rule.describe();
        requireMayEditRules(by, rule.deviceId(), change);
        return audit.transaction(c -> {
            AlertRule saved = added ? insertRule(c, rule) : updateRule(c, rule);
            audit.appendIn(c, AuditEntry.alertRuleChanged(by.name(), rule.deviceId(), change));
            return saved;
        });
    }

    /** Removes a rule as {@code by}, audited like {@link #saveRule(AlertRule, Operator)}. False when it did not exist. */
    public boolean removeRule(long id, Operator by) {
        AlertRule rule = rules().stream().filter(r -> r.id() == id).findFirst().orElse(null);
        String change = "removed " + (rule == null ? "rule " + id : rule.describe());
        String device = rule == null ? null : rule.deviceId();
        requireMayEditRules(by, device, change);
        return audit.transaction(c -> {
            boolean removed = deleteRule(c, id);
            if (removed) {
                audit.appendIn(c, AuditEntry.alertRuleChanged(by.name(), device, change));
            }
            return removed;
        });
    }

    private void requireMayEditRules(Operator by, String device, String change) {
        var refusal = AccessPolicy.refusal(by, Permission.EDIT_ALERT_RULES);
        if (refusal.isPresent()) {
            recordRuleChangeRefused(by == null ? null : by.name(), device, change, refusal.get());
            throw new AccessRefusedException(refusal.get());
        }
    }

    /** Records a refused rule change ("added …", "removed …") of {@code operatorName}; {@code reason} as they saw it. */
    public void recordRuleChangeRefused(String operatorName, String device, String change, String reason) {
        audit.append(AuditEntry.alertRuleChangeRefused(operatorName, device, change, reason));
    }

    private AlertRule insertRule(Connection c, AlertRule rule) throws SQLException {
        requireFreeName(c, rule.name(), 0);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert_rule (name, device_id, device_kind, "
                + "rule_type, metric, direction, threshold, clear_threshold, for_millis, enabled) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[]{"ID"})) {
            bindRule(ps, rule);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return rule.withId(keys.getLong(1));
            }
        }
    }

    private AlertRule updateRule(Connection c, AlertRule rule) throws SQLException {
        requireFreeName(c, rule.name(), rule.id());
        try (PreparedStatement ps = c.prepareStatement("UPDATE alert_rule SET name = ?, device_id = ?, "
                + "device_kind = ?, rule_type = ?, metric = ?, direction = ?, threshold = ?, clear_threshold = ?, "
                + "for_millis = ?, enabled = ? WHERE id = ?")) {
            bindRule(ps, rule);
            ps.setLong(11, rule.id());
            if (ps.executeUpdate() == 0) {
                throw new IllegalArgumentException("the rule '" + rule.name() + "' no longer exists");
            }
            return rule;
        }
    }

    private static boolean deleteRule(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM alert_rule WHERE id = ?")) {
            ps.setLong(1, id);
            return ps.executeUpdate() > 0;
        }
    }

    // ---- Alarms

    /** Records a raised alarm and returns it with its id. */
    public Alarm raise(AlertRule rule, String deviceId, String message, Instant at, Double peak) {
        return write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO alarm (rule_id, rule_name, device_id, message, "
                    + "raised_at, peak) VALUES (?, ?, ?, ?, ?, ?)", new String[]{"ID"})) {
                ps.setLong(1, rule.id());
                ps.setString(2, rule.name());
                ps.setString(3, deviceId);
                ps.setString(4, message);
                ps.setLong(5, at.toEpochMilli());
                setDouble(ps, 6, peak);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return new Alarm(keys.getLong(1), rule.id(), rule.name(), deviceId, message, at, null, peak, null,
                            null);
                }
            }
        });
    }

    /** Marks an active alarm cleared (with its final peak) and returns it as stored. */
    public Alarm clear(long alarmId, Instant at, Double peak) {
        return write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE alarm SET cleared_at = ?, peak = ? WHERE id = ? AND cleared_at IS NULL")) {
                ps.setLong(1, at.toEpochMilli());
                setDouble(ps, 2, peak);
                ps.setLong(3, alarmId);
                ps.executeUpdate();
            }
            return alarm(c, alarmId).orElseThrow(() -> new IllegalArgumentException("there is no alarm " + alarmId));
        });
    }

    /** Stores the peak of an active alarm. */
    public void updatePeak(long alarmId, double peak) {
        write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE alarm SET peak = ? WHERE id = ?")) {
                ps.setDouble(1, peak);
                ps.setLong(2, alarmId);
                return ps.executeUpdate();
            }
        });
    }

    public Optional<Alarm> alarm(long id) {
        return read(c -> alarm(c, id));
    }

    /** Alarms not cleared yet, unacknowledged first, then newest first. */
    public List<Alarm> active() {
        return alarms("WHERE cleared_at IS NULL ORDER BY (acknowledged_by IS NULL) DESC, raised_at DESC, id DESC", 0);
    }

    /** Cleared alarms, newest first; at most {@code limit}. */
    public List<Alarm> history(int limit) {
        return alarms("WHERE cleared_at IS NOT NULL ORDER BY raised_at DESC, id DESC LIMIT ?", limit);
    }

    /**
     * Acknowledges an alarm (active or cleared) as {@code operator}, with its audit entry in the same transaction.
     * Refused with {@link AccessRefusedException} when the operator may not; an {@link IllegalStateException} when it
     * was acknowledged already (by whom and when); {@link IllegalArgumentException} when there is no such alarm.
     */
    public Alarm acknowledge(long alarmId, Operator operator) {
        var refusal = AccessPolicy.refusal(operator, Permission.ACKNOWLEDGE_ALARMS);
        if (refusal.isPresent()) {
            recordAcknowledgementRefused(alarmId, operator == null ? null : operator.name(), refusal.get());
            throw new AccessRefusedException(refusal.get());
        }
        return audit.transaction(c -> {
            Alarm a;
            try (PreparedStatement ps = c.prepareStatement("SELECT " + ALARM_COLUMNS + " FROM alarm WHERE id = ? FOR UPDATE")) {
                ps.setLong(1, alarmId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalArgumentException("there is no alarm " + alarmId);
                    }
                    a = alarm(rs);
                }
            }
            if (a.acknowledged()) {
                throw new IllegalStateException("this alarm was acknowledged already by " + a.acknowledgedBy() + " at "
                        + a.acknowledgedAt());
            }
            Instant now = Instant.ofEpochMilli(clock.millis());
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE alarm SET acknowledged_by = ?, acknowledged_at = ? WHERE id = ?")) {
                ps.setString(1, operator.name());
                ps.setLong(2, now.toEpochMilli());
                ps.setLong(3, alarmId);
                ps.executeUpdate();
            }
            audit.appendIn(c, AuditEntry.alarmAcknowledged(operator.name(), a.deviceId(), describeForAudit(a)));
            return new Alarm(a.id(), a.ruleId(), a.ruleName(), a.deviceId(), a.message(), a.raisedAt(), a.clearedAt(),
                    a.peak(), operator.name(), now);
        });
    }

    /**
     * Records in the audit log that {@code operatorName} (null: nobody signed in) was refused acknowledging alarm
     * {@code alarmId}; {@code reason} is what they were told.
     */
    public void recordAcknowledgementRefused(long alarmId, String operatorName, String reason) {
        Alarm a = alarm(alarmId).orElse(null);
        audit.append(AuditEntry.alarmAcknowledgeRefused(operatorName, a == null ? null : a.deviceId(),
                a == null ? "alarm=" + alarmId : describeForAudit(a), reason));
    }

    private static String describeForAudit(Alarm a) {
        return "alarm=" + a.id() + " rule=" + a.ruleName() + " raised=" + a.raisedAt()
                + (a.active() ? "" : " cleared=" + a.clearedAt());
    }

    // ---- SQL

    private List<Alarm> alarms(String where, int limit) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + ALARM_COLUMNS + " FROM alarm " + where)) {
                if (where.endsWith("?")) {
                    ps.setInt(1, Math.max(limit, 0));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    List<Alarm> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(alarm(rs));
                    }
                    return out;
                }
            }
        });
    }

    private static Optional<Alarm> alarm(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + ALARM_COLUMNS + " FROM alarm WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(alarm(rs)) : Optional.empty();
            }
        }
    }

    private static Alarm alarm(ResultSet rs) throws SQLException {
        long cleared = rs.getLong(7);
        boolean active = rs.wasNull();
        double peak = rs.getDouble(8);
        boolean noPeak = rs.wasNull();
        long ackAt = rs.getLong(10);
        boolean noAck = rs.wasNull();
        return new Alarm(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                Instant.ofEpochMilli(rs.getLong(6)), active ? null : Instant.ofEpochMilli(cleared),
                noPeak ? null : peak, rs.getString(9), noAck ? null : Instant.ofEpochMilli(ackAt));
    }

    private static AlertRule rule(ResultSet rs) throws SQLException {
        String kind = rs.getString(4);
        String metric = rs.getString(6);
        String direction = rs.getString(7);
        return new AlertRule(rs.getLong(1), rs.getString(2), rs.getString(3),
                kind == null ? null : DeviceKind.valueOf(kind), AlertRule.Type.valueOf(rs.getString(5)),
                metric == null ? null : Metric.valueOf(metric), direction == null ? null : AlertRule.Direction.valueOf(direction),
                rs.getDouble(8), rs.getDouble(9), Duration.ofMillis(rs.getLong(10)), rs.getBoolean(11));
    }

    private static void bindRule(PreparedStatement ps, AlertRule r) throws SQLException {
        ps.setString(1, r.name());
        ps.setString(2, r.deviceId());
        ps.setString(3, r.deviceKind() == null ? null : r.deviceKind().name());
        ps.setString(4, r.type().name());
        ps.setString(5, r.metric() == null ? null : r.metric().name());
        ps.setString(6, r.direction() == null ? null : r.direction().name());
        ps.setDouble(7, r.threshold());
        ps.setDouble(8, r.clearThreshold());
        ps.setLong(9, r.forDuration().toMillis());
        ps.setBoolean(10, r.enabled());
    }

    private static void requireFreeName(Connection c, String name, long exceptId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT name FROM alert_rule WHERE LOWER(name) = ? AND id <> ?")) {
            ps.setString(1, name.toLowerCase(Locale.ROOT));
            ps.setLong(2, exceptId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    throw new IllegalArgumentException("there is already a rule named '" + rs.getString(1) + "'");
                }
            }
        }
    }

    private static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
        if (v == null || !Double.isFinite(v)) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, v);
        }
    }

    private <T> T read(SqlWork<T> work) {
        try (Connection c = db.reader()) {
            return work.run(c);
        } catch (SQLException e) {
            throw StoreErrors.readFailed(location, e);
        }
    }

    private <T> T write(SqlWork<T> work) {
        return db.inTransaction(location, work);
    }
}
