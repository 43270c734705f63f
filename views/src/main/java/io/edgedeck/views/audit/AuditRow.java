package io.edgedeck.views.audit;

import io.edgedeck.db.AuditEntry;
import io.edgedeck.db.AuditRecord;
import io.edgedeck.views.common.Formats;

/** One audit entry as the table shows it. */
public record AuditRow(long seq, String time, String operator, String action, String device, String detail,
                       String outcome, AuditRecord record) {
    static AuditRow of(AuditRecord r) {
        AuditEntry e = r.entry();
        return new AuditRow(r.seq(), Formats.dateTime(r.time()), orDash(e.operator()), e.action().wireName(),
                orDash(e.device()), e.detail() == null ? "" : e.detail(), e.outcome().wireName(), r);
    }

    private static String orDash(String s) {
        return s == null || s.isEmpty() ? "–" : s;
    }
}
