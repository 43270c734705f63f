package io.edgedeck.link.command;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A device's check of a relay command, step by step as docs/command-protocol.md ("What a device checks") lists
 * them; the first failing step decides the reason. This is the reference implementation: firmware should do the
 * same checks in the same order.
 * <ol>
 *   <li>the payload is a JWS compact token with header {@code alg} ES256, {@code typ} edgedeck-cmd+jwt and a
 *       {@code kid} — else {@code malformed} (plain {@code on}/{@code off} payloads end here);</li>
 *   <li>a trusted operator key has that {@code kid} — else {@code unknown_key};</li>
 *   <li>the ES256 signature verifies with that key — else {@code bad_signature};</li>
 *   <li>claims {@code dev}, {@code cmd}, {@code nonce} (≥ 128 bits) are strings, {@code iat} and {@code exp} numbers,
 *       {@code exp} − {@code iat} ≤ 300 s — else {@code malformed};</li>
 *   <li>{@code dev} is this device's id — else {@code wrong_device};</li>
 *   <li>now ≤ {@code exp} + skew — else {@code expired};</li>
 *   <li>{@code iat} ≤ now + skew — else {@code not_yet_valid};</li>
 *   <li>{@code cmd} is one this device supports — else {@code unsupported_command};</li>
 *   <li>the nonce was not accepted before (remembered until {@code exp} + skew) — else {@code replayed}.</li>
 * </ol>
 * Thread-safe.
 */
public final class CommandVerifier {
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");
    /** 128 bits in base64url without padding. */
    private static final int MIN_NONCE_CHARS = 22;

    private final TrustedOperatorKeys trusted;
    private final String ownDeviceId;
    private final Clock clock;
    private final Duration skew;
    private final NonceCache nonces;

    /** With the protocol's 30 s clock-skew allowance and room for 256 live nonces. */
    public CommandVerifier(TrustedOperatorKeys trusted, String ownDeviceId, Clock clock) {
        this(trusted, ownDeviceId, clock, CommandProtocol.CLOCK_SKEW, new NonceCache(256));
    }

    public CommandVerifier(TrustedOperatorKeys trusted, String ownDeviceId, Clock clock, Duration skew, NonceCache nonces) {
        this.trusted = Objects.requireNonNull(trusted, "trusted");
        this.ownDeviceId = Objects.requireNonNull(ownDeviceId, "ownDeviceId");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.skew = Objects.requireNonNull(skew, "skew");
        this.nonces = Objects.requireNonNull(nonces, "nonces");
    }

    /** Checks the raw payload received on the control topic. */
    public Verification verify(byte[] payload) {
        return verify(new String(payload, StandardCharsets.UTF_8));
    }

    public Verification verify(String token) {
        Instant now = clock.instant();

        // 1. a JWS compact token, ES256, our typ, with a kid
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token.trim());
        } catch (ParseException | RuntimeException e) {
            return Verification.rejected(RejectReason.MALFORMED, null, null, "not a signed command (JWS compact)");
        }
        JWSHeader header = jwt.getHeader();
        String kid = header.getKeyID();
        String nonce = unverifiedNonce(jwt);
        if (!JWSAlgorithm.ES256.equals(header.getAlgorithm())) {
            return Verification.rejected(RejectReason.MALFORMED, nonce, kid, "alg is " + header.getAlgorithm() + ", not ES256");
        }
        if (header.getType() == null || !CommandProtocol.TYPE.equals(header.getType().getType())) {
            return Verification.rejected(RejectReason.MALFORMED, nonce, kid, "typ is not " + CommandProtocol.TYPE);
        }
        if (kid == null || kid.isEmpty()) {
            return Verification.rejected(RejectReason.MALFORMED, nonce, null, "no kid in the header");
        }

        // 2. a trusted key with that kid
        Optional<ECPublicKey> key = trusted.find(kid);
        if (key.isEmpty()) {
            return Verification.rejected(RejectReason.UNKNOWN_KEY, nonce, kid, "no trusted operator key " + kid);
        }

        // 3. the signature
        try {
            ECDSAVerifier verifier = new ECDSAVerifier(key.get());
            verifier.getJCAContext().setProvider(BouncyCastle.PROVIDER);
            if (!jwt.verify(verifier)) {
                return Verification.rejected(RejectReason.BAD_SIGNATURE, nonce, kid, "signature does not verify with key " + kid);
            }
        } catch (JOSEException | IllegalStateException e) {
            return Verification.rejected(RejectReason.BAD_SIGNATURE, nonce, kid, "signature cannot be checked: " + e.getMessage());
        }

        // 4. the claims, from here on authentic
        String dev, cmd;
        Instant iat, exp;
        try {
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            dev = claims.getStringClaim("dev");
            cmd = claims.getStringClaim("cmd");
            nonce = claims.getStringClaim("nonce");
            iat = instant(claims.getIssueTime());
            exp = instant(claims.getExpirationTime());
        } catch (ParseException e) {
            return Verification.rejected(RejectReason.MALFORMED, nonce, kid, "claims are not as specified: " + e.getMessage());
        }
        if (dev == null || cmd == null || nonce == null || iat == null || exp == null) {
            return Verification.rejected(RejectReason.MALFORMED, nonce, kid, "a claim is missing (dev, cmd, nonce, iat, exp)");
        }
        if (nonce.length() < MIN_NONCE_CHARS || !BASE64URL.matcher(nonce).matches()) {
            return Verification.rejected(RejectReason.MALFORMED, nonce, kid, "nonce is not 128+ bits of base64url");
        }
        if (exp.isBefore(iat) || Duration.between(iat, exp).compareTo(CommandProtocol.LIFETIME) > 0) {
            return Verification.rejected(RejectReason.MALFORMED, nonce, kid, "exp is not within 300 s after iat");
        }

        // 5. meant for this device
        if (!dev.equals(ownDeviceId)) {
            return Verification.rejected(RejectReason.WRONG_DEVICE, nonce, kid, "meant for " + dev + ", this is " + ownDeviceId);
        }

        // 6. and 7. its time window, with the skew allowance on both sides
        if (now.isAfter(exp.plus(skew))) {
            return Verification.rejected(RejectReason.EXPIRED, nonce, kid, "expired at " + exp + ", now " + now);
        }
        if (iat.isAfter(now.plus(skew))) {
            return Verification.rejected(RejectReason.NOT_YET_VALID, nonce, kid, "issued at " + iat + ", now " + now);
        }

        // 8. a command this device knows
        RelayCommand command = RelayCommand.fromWire(cmd);
        if (command == null) {
            return Verification.rejected(RejectReason.UNSUPPORTED_COMMAND, nonce, kid, "unknown command '" + cmd + "'");
        }

        // 9. never seen: remembered until it would be expired anyway
        if (!nonces.remember(nonce, exp.plus(skew), now)) {
            return Verification.rejected(RejectReason.REPLAYED, nonce, kid, "nonce " + nonce + " seen before");
        }
        return Verification.accepted(command, nonce, kid);
    }

    /** The nonce as the token claims it, before anything is verified: only to name the command in a rejection. */
    private static String unverifiedNonce(SignedJWT jwt) {
        try {
            Object n = jwt.getJWTClaimsSet().getClaim("nonce");
            return n instanceof String s && s.length() <= 64 && BASE64URL.matcher(s).matches() ? s : null;
        } catch (ParseException | RuntimeException e) {
            return null;
        }
    }

    private static Instant instant(Date d) {
        return d == null ? null : d.toInstant();
    }
}
