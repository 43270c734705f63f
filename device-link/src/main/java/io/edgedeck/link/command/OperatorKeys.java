package io.edgedeck.link.command;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;

/** Creating operator keys and naming public keys (key id, JWK). */
public final class OperatorKeys {
    private OperatorKeys() {
    }

    /** A new P-256 key pair, generated with BouncyCastle from the given randomness. */
    public static OperatorKey generate(SecureRandom random) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BouncyCastle.PROVIDER);
            g.initialize(new ECGenParameterSpec("secp256r1"), random);
            var pair = g.generateKeyPair();
            return new OperatorKey((ECPrivateKey) pair.getPrivate(), (ECPublicKey) pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 key generation is not available", e);
        }
    }

    /** RFC 7638 JWK thumbprint (SHA-256) of a P-256 public key, base64url without padding. */
    public static String keyId(ECPublicKey key) {
        try {
            return jwk(key).computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** The public key as a JWK JSON object with {@code kid}, {@code alg} ES256 and {@code use} sig. */
    public static String publicJwk(ECPublicKey key) {
        ECKey jwk = jwk(key);
        return new ECKey.Builder(jwk).keyID(keyId(key)).algorithm(com.nimbusds.jose.JWSAlgorithm.ES256)
                .keyUse(com.nimbusds.jose.jwk.KeyUse.SIGNATURE).build().toJSONString();
    }

    static ECKey jwk(ECPublicKey key) {
        requireP256(key);
        return new ECKey.Builder(Curve.P_256, key).build();
    }

    static void requireP256(ECPublicKey key) {
        if (!Curve.P_256.equals(Curve.forECParameterSpec(key.getParams()))) {
            throw new IllegalArgumentException("not a P-256 key");
        }
    }
}
