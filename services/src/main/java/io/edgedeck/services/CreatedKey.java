package io.edgedeck.services;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A key pair just created in the {@link KeyRing}: what to register for the operator and to install on devices.
 *
 * @param operator     whose key it is
 * @param keyId        the RFC 7638 thumbprint of the public key (the {@code kid} of every command it signs)
 * @param publicKeyPem the public key, PEM {@code PUBLIC KEY}
 * @param file         the encrypted private key file (owner-only)
 */
public record CreatedKey(String operator, String keyId, String publicKeyPem, Path file) {
    public CreatedKey {
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(publicKeyPem, "publicKeyPem");
        Objects.requireNonNull(file, "file");
    }
}
