package io.edgedeck.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The tamper-evident audit log: append-only, each entry carrying the SHA-256 of the one before ({@link AuditChain}),
 * and a one-row head (last seq and hash) written in the same transaction, so that editing, deleting or cutting off
 * entries with plain SQL is found by {@link #verify()}. Appends are serialised (one lock, plus a row lock on the head),
 * so threads cannot fork the chain. It proves tampering after the fact; it cannot stop someone who can write the
 * file from rewriting the whole chain, which is why {@code audit verify} prints the head hash for keeping elsewhere.
 */
public final class AuditLog {
    /** Longer texts (details, device ids from the network) are cut before hashing, so the stored text is the hashed. */
    static final int MAX_TEXT = 4_000;
    private static final int PAGE = 1_000;
    private static final String COLUMNS = "seq, at, operator, key_id, action, device, detail, outcome, prev_hash, hash";

    private final StoreConnections db;
    private final String location;
    private final Clock clock;
    private final ReentrantLock appendLock = new ReentrantLock();

    AuditLog(StoreConnections db, String location, Clock clock) {
        this.db = db;
        this.location = location;
        this.clock = clock;
    }

    /** Appends one entry in its own transaction and returns it as stored (with seq, time and hashes). */
    public AuditRecord append(AuditEntry entry) {
        return transaction(c -> appendIn(c, entry));
    }

    /**
     * Runs {@code work} in one transaction on its own connection, holding the append lock: store changes and the
     * audit entries that describe them ({@link #appendIn}) are committed together or not at all.
     */
    <T> T transaction(SqlWork<T> work) {
        appendLock.lock();
        try {
            return db.inTransaction(location, work);
        } finally {
            appendLock.unlock();
        }
    }

    /** Appends inside a {@link #transaction}: next seq after the head, hash over the head's hash, head moved on. */
    AuditRecord appendIn(Connection c, AuditEntry entry) throws SQLException {
        if (!appendLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("audit appends run inside AuditLog.transaction");
        }
        AuditEntry e = new AuditEntry(cut(entry.operator()), cut(entry.keyId()), entry.action(), cut(entry.device()),
                cut(entry.detail()), entry.outcome());
        long prevSeq;
        byte[] prevHash;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE")) {
            if (!rs.next()) {
                throw new StoreException("Cannot write the audit log in " + location
                        + ": its head record is missing (the log was tampered with; run 'edgedeck audit verify')");
            }
            prevSeq = rs.getLong(1);
            prevHash = rs.getBytes(2);
        }
        long seq = prevSeq + 1;
        Instant time = Instant.ofEpochMilli(clock.millis());
        byte[] hash = AuditChain.hash(prevHash, seq, time.toEpochMilli(), e);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_entry (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, seq);
            ps.setLong(2, time.toEpochMilli());
            ps.setString(3, e.operator());
            ps.setString(4, e.keyId());
            ps.setString(5, e.action().wireName());
            ps.setString(6, e.device());
            ps.setString(7, e.detail());
            ps.setString(8, e.outcome().wireName());
            ps.setBytes(9, prevHash);
            ps.setBytes(10, hash);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1")) {
            ps.setLong(1, seq);
            ps.setBytes(2, hash);
            ps.executeUpdate();
        }
        return new AuditRecord(seq, time, e, prevHash, hash);
    }

    /** Number of entries. */
    public long count() {
        try (Connection c = db.reader();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM audit_entry")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw StoreErrors.readFailed(location, e);
        }
    }

    /** The matching entries, oldest first (mind {@link AuditQuery#limit} for large logs, or use {@link #forEach}). */
    public List<AuditRecord> list(AuditQuery query) {
        List<AuditRecord> out = new ArrayList<>();
        forEach(query, out::add);
        return out;
    }

    /** Hands the matching entries to {@code sink} oldest first, reading the log a page at a time. */
    public void forEach(AuditQuery query, Consumer<AuditRecord> sink) {
        StringBuilder where = new StringBuilder(" WHERE seq > ?");
        List<Object> params = new ArrayList<>();
        if (query.operator() != null) {
            where.append(" AND LOWER(operator) = ?");
            params.add(query.operator().toLowerCase(Locale.ROOT));
        }
        if (query.device() != null) {
            where.append(" AND device = ?");
            params.add(query.device());
        }
        if (query.action() != null) {
            where.append(" AND action = ?");
            params.add(query.action().wireName());
        }
        if (query.since() != null) {
            where.append(" AND at >= ?");
            params.add(query.since().toEpochMilli());
        }
        if (query.until() != null) {
            where.append(" AND at < ?");
            params.add(query.until().toEpochMilli());
        }
        String sql = "SELECT " + COLUMNS + " FROM audit_entry" + where + " ORDER BY seq LIMIT ?";
        long after = 0;
        long left = query.limit() == 0 ? Long.MAX_VALUE : query.limit();
        try (Connection c = db.reader(); PreparedStatement ps = c.prepareStatement(sql)) {
            while (left > 0) {
                int i = 1;
                ps.setLong(i++, after);
                for (Object p : params) {
                    ps.setObject(i++, p);
                }
                int page = (int) Math.min(PAGE, left);
                ps.setInt(i, page);
                int rows = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        AuditRecord r = record(rs);
                        sink.accept(r);
                        after = r.seq();
                        rows++;
                    }
                }
                left -= rows;
                if (rows < page) {
                    return;
                }
            }
        } catch (SQLException e) {
            throw StoreErrors.readFailed(location, e);
        }
    }

    /**
     * Walks the whole chain a page at a time and reports the first entry that was altered, removed or added behind
     * EdgeDeck's back, or that the end of the log was cut off; appends may go on meanwhile (entries after the head
     * read at the start are left for the next run).
     */
    public AuditVerification verify() {
        try (Connection c = db.reader()) {
            long headSeq;
            byte[] headHash;
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT seq, hash FROM audit_head WHERE id = 1")) {
                if (!rs.next()) {
                    return new AuditVerification.Broken(1, "the log's head record (last entry and its hash) was removed");
                }
                headSeq = rs.getLong(1);
                headHash = rs.getBytes(2);
            }
            long expected = 1;
            byte[] prevHash = AuditChain.GENESIS;
            try (PreparedStatement ps = c.prepareStatement("SELECT seq, at, operator, key_id, action, device, detail, "
                    + "outcome, prev_hash, hash FROM audit_entry WHERE seq >= ? AND seq <= ? ORDER BY seq LIMIT ?")) {
                while (expected <= headSeq) {
                    ps.setLong(1, expected);
                    ps.setLong(2, headSeq);
                    ps.setInt(3, PAGE);
                    int rows = 0;
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rows++;
                            long seq = rs.getLong(1);
                            if (seq != expected) {
                                return new AuditVerification.Broken(expected, removed(expected, seq - 1));
                            }
                            if (!Arrays.equals(rs.getBytes(9), prevHash)) {
                                return new AuditVerification.Broken(seq, "entry " + seq + " was altered, or an entry"
                                        + " before it was replaced (its link to entry " + (seq - 1) + " does not match)");
                            }
                            byte[] hash = AuditChain.hash(prevHash, seq, rs.getLong(2), rs.getString(3),
                                    rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8));
                            if (!Arrays.equals(rs.getBytes(10), hash)) {
                                return new AuditVerification.Broken(seq,
                                        "entry " + seq + " was altered (its content does not match its hash)");
                            }
                            prevHash = hash;
                            expected = seq + 1;
                        }
                    }
                    if (rows == 0) {
                        break;
                    }
                }
            }
            if (expected <= headSeq) {
                String what = expected == headSeq ? "entry " + headSeq + " was"
                        : "entries " + expected + " to " + headSeq + " were";
                return new AuditVerification.Broken(expected, what + " removed from the end of the log (its head "
                        + "records " + headSeq + " entries)");
            }
            if (!Arrays.equals(prevHash, headHash)) {
                return new AuditVerification.Broken(headSeq, "entry " + headSeq
                        + " was altered or replaced (it does not match the log's head)");
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT MIN(e.seq) FROM audit_entry e, audit_head h WHERE h.id = 1 AND e.seq > h.seq")) {
                rs.next();
                long extra = rs.getLong(1);
                if (!rs.wasNull()) {
                    return new AuditVerification.Broken(extra, "entry " + extra
                            + " was added behind EdgeDeck's back (it lies beyond the log's head)");
                }
            }
            return new AuditVerification.Intact(headSeq, HexFormat.of().formatHex(headHash));
        } catch (SQLException e) {
            throw StoreErrors.readFailed(location, e);
        }
    }

    private static String removed(long from, long to) {
        return from == to ? "entry " + from + " was removed" : "entries " + from + " to " + to + " were removed";
    }

    private AuditRecord record(ResultSet rs) throws SQLException {
        long seq = rs.getLong(1);
        AuditAction action;
        AuditOutcome outcome;
        try {
            action = AuditAction.fromWire(rs.getString(5));
            outcome = AuditOutcome.fromWire(rs.getString(8));
        } catch (IllegalArgumentException e) {
            throw new StoreException("Cannot read audit entry " + seq + " in " + location + ": " + e.getMessage()
                    + " (written by a newer EdgeDeck, or altered; run 'edgedeck audit verify')", e);
        }
        AuditEntry entry = new AuditEntry(rs.getString(3), rs.getString(4), action, rs.getString(6), rs.getString(7),
                outcome);
        return new AuditRecord(seq, Instant.ofEpochMilli(rs.getLong(2)), entry, rs.getBytes(9), rs.getBytes(10));
    }

    private static String cut(String s) {
        return s == null || s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT) + "…";
    }
}
