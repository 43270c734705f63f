package io.edgedeck.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Messages that could not be decoded, kept with their raw bytes and the reason. */
public final class QuarantineLog {
    private static final String INSERT = "INSERT INTO quarantine (topic, payload, reason, received) VALUES (?, ?, ?, ?)";
    /** Column limits (H2: VARBINARY and VARCHAR hold up to 1,000,000 bytes / characters). */
    static final int MAX_PAYLOAD = 1_000_000;
    static final int MAX_TEXT = 100_000;

    private final StoreConnections db;
    private final String location;

    QuarantineLog(StoreConnections db, String location) {
        this.db = db;
        this.location = location;
    }

    public long count() {
        try (Connection c = db.reader();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM quarantine")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw StoreErrors.readFailed(location, e);
        }
    }

    /** The newest {@code limit} quarantined messages, newest first (in the order they were stored). */
    public List<QuarantinedMessage> recent(int limit) {
        if (limit <= 0) {
            return List.of();
        }
        try (Connection c = db.reader();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT topic, payload, reason, received FROM quarantine ORDER BY id DESC LIMIT ?")) {
            ps.setInt(1, limit);
            List<QuarantinedMessage> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new QuarantinedMessage(rs.getString(1), rs.getBytes(2), rs.getString(3), rs.getLong(4)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw StoreErrors.readFailed(location, e);
        }
    }

    private static String cut(String s) {
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT) + "…";
    }

    /**
     * Appends messages inside the writer's transaction. Oversized payloads (over 1 MB), topics and reasons are cut so
     * that one monster message cannot make the whole commit fail; the reason then says so.
     */
    static void append(Connection c, List<QuarantinedMessage> messages) throws SQLException {
        if (messages.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (QuarantinedMessage m : messages) {
                byte[] payload = m.payload();
                String reason = m.reason();
                if (payload.length > MAX_PAYLOAD) {
                    reason = reason + " (payload of " + payload.length + " bytes cut to its first " + MAX_PAYLOAD + ")";
                    payload = Arrays.copyOf(payload, MAX_PAYLOAD);
                }
                ps.setString(1, cut(m.topic()));
                ps.setBytes(2, payload);
                ps.setString(3, cut(reason));
                ps.setLong(4, m.receivedMillis());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
