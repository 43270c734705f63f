package io.edgedeck.app.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The MQTT client id a collector uses when none is given: the same for the same host, user and database, so a
 * restarted collector resumes its persistent session (and the broker sends what it kept meanwhile), while two
 * collectors on one machine writing different databases do not take each other's session.
 * E.g. {@code edgedeck-shopfloor1-ana-3f9a12c0}: host and user (cut to 16 characters each), then the first 8 hex
 * digits of the SHA-256 of the database's absolute path. At most 52 characters, only {@code [A-Za-z0-9._-]}.
 */
final class StableClientId {
    private StableClientId() {
    }

    static String derive(String host, String user, Path database) {
        return "edgedeck-" + clean(host) + "-" + clean(user) + "-" + digest(database.toAbsolutePath().normalize().toString());
    }

    /** For this machine, user and database. */
    static String forThisMachine(Path database) {
        return derive(BrokerOptions.hostPart(), System.getProperty("user.name", "user"), database);
    }

    private static String clean(String s) {
        String c = (s == null || s.isBlank() ? "unknown" : s).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
        return c.length() > 16 ? c.substring(0, 16) : c;
    }

    private static String digest(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
