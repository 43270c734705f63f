package io.edgedeck.link.command;

import java.time.Instant;
import java.util.Objects;

/**
 * A relay command ready to publish: the JWS compact serialization and what it says.
 *
 * @param jws       header.claims.signature (base64url parts), the payload published on the control topic
 * @param deviceId  the {@code dev} claim
 * @param command   the {@code cmd} claim
 * @param nonce     the {@code nonce} claim; the device's acknowledgement carries it back
 * @param keyId     the header's {@code kid}: which operator key signed it
 * @param issuedAt  the {@code iat} claim (whole seconds)
 * @param expiresAt the {@code exp} claim (whole seconds)
 */
public record SignedCommand(String jws, String deviceId, RelayCommand command, String nonce, String keyId,
                            Instant issuedAt, Instant expiresAt) {
    public SignedCommand {
        Objects.requireNonNull(jws, "jws");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
