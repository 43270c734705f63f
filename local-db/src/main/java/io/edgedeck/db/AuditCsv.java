package io.edgedeck.db;

import java.time.format.DateTimeFormatter;

/**
 * Audit entries as CSV, in the columns of {@code edgedeck audit list --csv}: seq, time (UTC, ISO-8601), operator,
 * key_id, action, device, outcome, detail, hash. Used by the CLI and the console's Audit tab alike. Cells are RFC 4180-quoted, and a leading {@code = + - @} gets a
 * {@code '} so a spreadsheet does not run it as a formula.
 */
public final class AuditCsv {
    public static final String HEADER = "seq,time,operator,key_id,action,device,outcome,detail,hash";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT;

    private AuditCsv() {
    }

    public static String line(AuditRecord r) {
        AuditEntry e = r.entry();
        return String.join(",", Long.toString(r.seq()), TIME.format(r.time()), cell(e.operator()), cell(e.keyId()),
                e.action().wireName(), cell(e.device()), e.outcome().wireName(), cell(e.detail()), r.hashHex());
    }

    /** One CSV cell: RFC 4180 quoting, and a leading {@code = + - @} made harmless for spreadsheets. */
    public static String cell(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        String v = "=+-@".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
        return v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")
                ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
