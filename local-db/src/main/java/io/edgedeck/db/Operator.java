package io.edgedeck.db;

import java.time.Instant;
import java.util.Objects;

/**
 * A person who uses this console: a unique name, a role and the public half of their P-256 key (the private half
 * never reaches the database). {@code keyId} is the RFC 7638 JWK thumbprint of the key, the {@code kid} of every
 * command they sign. Operators are disabled, never deleted, so the audit log keeps naming people who existed.
 */
public record Operator(String name, Role role, String keyId, String publicKeyPem, Instant createdAt, boolean disabled) {
    public Operator {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(publicKeyPem, "publicKeyPem");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** "Technician 'ana'", "disabled Admin 'root'" — how messages name an operator. */
    public String describe() {
        return (disabled ? "disabled " : "") + role.title() + " '" + name + "'";
    }
}
