package io.edgedeck.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The console's operators. Every change names the acting operator, is checked by {@link AccessPolicy} against that
 * operator as currently stored, and is committed together with its {@link AuditLog} entry; a refused change is
 * audited too. Bootstrap: while there is no operator, anyone may add the first one, who becomes Admin; afterwards only
 * an enabled Admin may add operators, change roles, replace keys or disable operators. The last enabled Admin cannot
 * be demoted or disabled (nobody could manage operators any more).
 *
 * <p>The acting operator is whoever the caller authenticated (the CLI's {@code --as}, the UI's unlocked key): this
 * class trusts that identity and enforces the rules for it.
 */
public final class OperatorRegistry {
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._@-]{0,63}");
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{16,64}");
    private static final String COLUMNS = "name, role, key_id, public_key_pem, created_at, disabled";

    private final StoreConnections db;
    private final AuditLog audit;
    private final Clock clock;
    private final String location;

    OperatorRegistry(StoreConnections db, AuditLog audit, Clock clock, String location) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
        this.location = location;
    }

    /** All operators, disabled ones included, by name. */
    public List<Operator> list() {
        try (Connection c = db.reader()) {
            return query(c, "SELECT " + COLUMNS + " FROM operator ORDER BY name_key", null);
        } catch (SQLException e) {
            throw StoreErrors.readFailed(location, e);
        }
    }

    /** The operator with this name, ignoring case. */
    public Optional<Operator> find(String name) {
        try (Connection c = db.reader()) {
            return byName(c, name);
        } catch (SQLException e) {
            throw StoreErrors.readFailed(location, e);
        }
    }

    /** The operator whose key has this id (RFC 7638 thumbprint), e.g. the signer of a command. */
    public Optional<Operator> findByKeyId(String keyId) {
        try (Connection c = db.reader()) {
            return query(c, "SELECT " + COLUMNS + " FROM operator WHERE key_id = ?", keyId).stream().findFirst();
        } catch (SQLException e) {
            throw StoreErrors.readFailed(location, e);
        }
    }

    public boolean isEmpty() {
        return list().isEmpty();
    }

    /**
     * Adds an operator with their public key. {@code actor} may be null only for the first operator, who becomes Admin
     * whatever {@code role} says. Bad or duplicate names and keys are {@link IllegalArgumentException}s; a refusal is
     * an {@link AccessRefusedException} (and an audit entry).
     */
    public Operator add(Operator actor, String name, Role role, String keyId, String publicKeyPem) {
        String n = checkName(name);
        checkKey(n, keyId, publicKeyPem);
        return change(actor, "add operator '" + n + "'", c -> {
            boolean bootstrap = count(c) == 0;
            String actorName = bootstrap ? null : authorise(c, actor).name();
            byName(c, n).ifPresent(existing -> {
                throw new IllegalArgumentException("there is already an operator named '" + existing.name() + "'"
                        + (existing.disabled() ? " (disabled; names are never reused)" : ""));
            });
            Optional<Operator> owner = query(c, "SELECT " + COLUMNS + " FROM operator WHERE key_id = ?", keyId)
                    .stream().findFirst();
            owner.ifPresent(o -> {
                throw new IllegalArgumentException("this key (" + keyId + ") already belongs to operator '"
                        + o.name() + "'");
            });
            Operator added = new Operator(n, bootstrap ? Role.ADMIN : role, keyId, publicKeyPem,
                    Instant.ofEpochMilli(clock.millis()), false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO operator (name, name_key, role, key_id, "
                    + "public_key_pem, created_at, disabled) VALUES (?, ?, ?, ?, ?, ?, FALSE)")) {
                ps.setString(1, added.name());
                ps.setString(2, key(added.name()));
                ps.setString(3, added.role().name());
                ps.setString(4, keyId);
                ps.setString(5, publicKeyPem);
                ps.setLong(6, added.createdAt().toEpochMilli());
                ps.executeUpdate();
            }
            audit.appendIn(c, AuditEntry.operatorAdded(actorName, added, bootstrap));
            return added;
        });
    }

    /** Gives operator {@code name} another role. */
    public Operator changeRole(Operator actor, String name, Role role) {
        return change(actor, "change the role of '" + name + "'", c -> {
            String actorName = authorise(c, actor).name();
            Operator target = existing(c, name);
            if (target.role() == role) {
                throw new IllegalArgumentException("'" + target.name() + "' is already " + role.title());
            }
            if (target.role() == Role.ADMIN && !target.disabled()) {
                requireAnotherAdmin(c, target);
            }
            update(c, "UPDATE operator SET role = ? WHERE name_key = ?", role.name(), target.name());
            audit.appendIn(c, AuditEntry.roleChanged(actorName, target.name(), target.role(), role));
            return new Operator(target.name(), role, target.keyId(), target.publicKeyPem(), target.createdAt(),
                    target.disabled());
        });
    }

    /** Disables operator {@code name} for good: they stay in the list and the audit log, but may do nothing. */
    public Operator disable(Operator actor, String name) {
        return change(actor, "disable '" + name + "'", c -> {
            String actorName = authorise(c, actor).name();
            Operator target = existing(c, name);
            if (target.disabled()) {
                throw new IllegalArgumentException("'" + target.name() + "' is already disabled");
            }
            if (target.role() == Role.ADMIN) {
                requireAnotherAdmin(c, target);
            }
            update(c, "UPDATE operator SET disabled = TRUE WHERE name_key = ?", null, target.name());
            audit.appendIn(c, AuditEntry.disabled(actorName, target.name()));
            return new Operator(target.name(), target.role(), target.keyId(), target.publicKeyPem(),
                    target.createdAt(), true);
        });
    }

    /** Replaces the public key of operator {@code name} (a new or imported key pair). */
    public Operator replaceKey(Operator actor, String name, String keyId, String publicKeyPem) {
        checkKey(name, keyId, publicKeyPem);
        return change(actor, "replace the key of '" + name + "'", c -> {
            String actorName = authorise(c, actor).name();
            Operator target = existing(c, name);
            query(c, "SELECT " + COLUMNS + " FROM operator WHERE key_id = ?", keyId).stream().findFirst()
                    .ifPresent(o -> {
                        throw new IllegalArgumentException("this key (" + keyId + ") already belongs to operator '"
                                + o.name() + "'");
                    });
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE operator SET key_id = ?, public_key_pem = ? WHERE name_key = ?")) {
                ps.setString(1, keyId);
                ps.setString(2, publicKeyPem);
                ps.setString(3, key(target.name()));
                ps.executeUpdate();
            }
            audit.appendIn(c, AuditEntry.keyImported(actorName, target.name(), keyId));
            return new Operator(target.name(), target.role(), keyId, publicKeyPem, target.createdAt(),
                    target.disabled());
        });
    }

    /** Runs a change in one audited transaction; a refusal is rolled back, then audited on its own, then thrown. */
    private Operator change(Operator actor, String attempt, SqlWork<Operator> work) {
        try {
            return audit.transaction(work);
        } catch (AccessRefusedException refused) {
            audit.append(AuditEntry.operatorChangeRefused(actor == null ? null : actor.name(),
                    "tried to " + attempt + ": " + refused.getMessage()));
            throw refused;
        }
    }

    /** The actor as stored now (role and disabled flag may have changed since they were looked up). */
    private Operator authorise(Connection c, Operator actor) throws SQLException {
        if (actor == null) {
            throw new AccessRefusedException("operators exist already: only an Admin may manage them");
        }
        Operator current = byName(c, actor.name()).orElseThrow(
                () -> new AccessRefusedException("there is no operator '" + actor.name() + "'"));
        if (!current.keyId().equals(actor.keyId())) {
            throw new AccessRefusedException("the key of operator '" + actor.name() + "' has changed; sign in again");
        }
        AccessPolicy.require(current, Permission.MANAGE_OPERATORS);
        return current;
    }

    private void requireAnotherAdmin(Connection c, Operator target) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM operator WHERE role = 'ADMIN' AND NOT disabled AND name_key <> ?")) {
            ps.setString(1, key(target.name()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getLong(1) == 0) {
                    throw new IllegalArgumentException("'" + target.name() + "' is the only Admin left: make another "
                            + "operator Admin first, or nobody could manage operators any more");
                }
            }
        }
    }

    private Operator existing(Connection c, String name) throws SQLException {
        return byName(c, name).orElseThrow(() -> new IllegalArgumentException("there is no operator '" + name + "'"));
    }

    private static String checkName(String name) {
        String n = name == null ? "" : name.strip();
        if (!NAME.matcher(n).matches()) {
            throw new IllegalArgumentException("'" + n + "' cannot be an operator name: use 1 to 64 letters, digits, "
                    + "spaces and . _ @ -, starting with a letter or digit");
        }
        return n;
    }

    private static void checkKey(String name, String keyId, String publicKeyPem) {
        if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
            throw new IllegalArgumentException("'" + keyId + "' is not a key id (an RFC 7638 thumbprint, base64url)");
        }
        if (publicKeyPem == null || !publicKeyPem.contains("-----BEGIN PUBLIC KEY-----")) {
            throw new IllegalArgumentException("the public key of '" + name + "' is not a PEM public key");
        }
    }

    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    private static long count(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM operator");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void update(Connection c, String sql, String value, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (value != null) {
                ps.setString(i++, value);
            }
            ps.setString(i, key(name));
            ps.executeUpdate();
        }
    }

    private static Optional<Operator> byName(Connection c, String name) throws SQLException {
        if (name == null) {
            return Optional.empty();
        }
        return query(c, "SELECT " + COLUMNS + " FROM operator WHERE name_key = ?", key(name)).stream().findFirst();
    }

    private static List<Operator> query(Connection c, String sql, String param) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (param != null) {
                ps.setString(1, param);
            }
            List<Operator> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Operator(rs.getString(1), Role.valueOf(rs.getString(2)), rs.getString(3),
                            rs.getString(4), Instant.ofEpochMilli(rs.getLong(5)), rs.getBoolean(6)));
                }
            }
            return out;
        }
    }
}
