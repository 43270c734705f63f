package io.edgedeck.link.command;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.Objects;

/**
 * Signs relay commands with one operator's key: JWS compact, ES256, header {@code kid} = key id and
 * {@code typ} = {@value CommandProtocol#TYPE}; claims {@code dev}, {@code cmd}, {@code nonce} (128 random bits,
 * base64url), {@code iat} and {@code exp} = iat + 300 s (docs/command-protocol.md). Rate limiting is not done here:
 * the caller asks the {@link CommandRateLimiter} first. Thread-safe.
 */
public final class CommandSigner {
    private final OperatorKey key;
    private final Clock clock;
    private final SecureRandom random;
    private final ECDSASigner signer;

    public CommandSigner(OperatorKey key, Clock clock, SecureRandom random) {
        this.key = Objects.requireNonNull(key, "key");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        try {
            this.signer = new ECDSASigner(key.privateKey());
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the operator key cannot sign ES256", e);
        }
        signer.getJCAContext().setProvider(BouncyCastle.PROVIDER);
    }

    /** The key id this signer puts in every command. */
    public String keyId() {
        return key.keyId();
    }

    /** A fresh command for one device, with a new nonce, valid from now for {@link CommandProtocol#LIFETIME}. */
    public SignedCommand sign(String deviceId, RelayCommand command) {
        byte[] bytes = new byte[CommandProtocol.NONCE_BYTES];
        random.nextBytes(bytes);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return sign(deviceId, command, nonce, clock.instant());
    }

    /** With a given nonce and time: for test vectors. Use {@link #sign(String, RelayCommand)} otherwise. */
    SignedCommand sign(String deviceId, RelayCommand command, String nonce, Instant now) {
        if (deviceId == null || deviceId.isBlank()) {
            throw new IllegalArgumentException("a command needs a device id");
        }
        Instant iat = now.truncatedTo(ChronoUnit.SECONDS);
        Instant exp = iat.plus(CommandProtocol.LIFETIME);
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.keyId())
                .type(new JOSEObjectType(CommandProtocol.TYPE)).build();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .claim("dev", deviceId)
                .claim("cmd", command.wireName())
                .claim("nonce", nonce)
                .issueTime(Date.from(iat))
                .expirationTime(Date.from(exp))
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing the command failed", e);
        }
        return new SignedCommand(jwt.serialize(), deviceId, command, nonce, key.keyId(), iat, exp);
    }
}
