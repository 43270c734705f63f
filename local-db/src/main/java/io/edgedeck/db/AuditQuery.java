package io.edgedeck.db;

import java.time.Instant;

/**
 * Which audit entries to list: every criterion left null matches everything. Operator names match ignoring case.
 * Entries come in log order (oldest first); {@code limit} caps how many (0 = no cap).
 */
public record AuditQuery(String operator, String device, AuditAction action, Instant since, Instant until, int limit) {
    public AuditQuery {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
    }

    public static AuditQuery all() {
        return new AuditQuery(null, null, null, null, null, 0);
    }

    public AuditQuery operator(String name) {
        return new AuditQuery(name, device, action, since, until, limit);
    }

    public AuditQuery device(String id) {
        return new AuditQuery(operator, id, action, since, until, limit);
    }

    public AuditQuery action(AuditAction a) {
        return new AuditQuery(operator, device, a, since, until, limit);
    }

    /** Entries at or after {@code t}. */
    public AuditQuery since(Instant t) {
        return new AuditQuery(operator, device, action, t, until, limit);
    }

    /** Entries before {@code t}. */
    public AuditQuery until(Instant t) {
        return new AuditQuery(operator, device, action, since, t, limit);
    }

    public AuditQuery limit(int n) {
        return new AuditQuery(operator, device, action, since, until, n);
    }
}
