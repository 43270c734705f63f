package io.edgedeck.link.command;

import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Objects;

/**
 * An operator's unlocked P-256 key pair and its key id (the RFC 7638 JWK thumbprint of the public key, base64url).
 * Keep it in memory only as long as needed; {@link #toString()} shows the key id, never the private key.
 */
public final class OperatorKey {
    private final ECPrivateKey privateKey;
    private final ECPublicKey publicKey;
    private final String keyId;

    OperatorKey(ECPrivateKey privateKey, ECPublicKey publicKey) {
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
        this.keyId = OperatorKeys.keyId(publicKey);
    }

    /** An operator key from a P-256 key pair (e.g. one read by {@link KeyFiles}). */
    public static OperatorKey of(KeyPair pair) {
        if (!(pair.getPrivate() instanceof ECPrivateKey priv) || !(pair.getPublic() instanceof ECPublicKey pub)) {
            throw new IllegalArgumentException("not an EC key pair");
        }
        OperatorKeys.requireP256(pub);
        return new OperatorKey(priv, pub);
    }

    /** RFC 7638 thumbprint of the public key (SHA-256, base64url): what a command's {@code kid} names. */
    public String keyId() {
        return keyId;
    }

    public ECPublicKey publicKey() {
        return publicKey;
    }

    /** For signing; package-private on purpose: only {@link CommandSigner} and {@link KeyFiles} need it. */
    ECPrivateKey privateKey() {
        return privateKey;
    }

    @Override
    public String toString() {
        return "OperatorKey[P-256, kid=" + keyId + "]";
    }
}
