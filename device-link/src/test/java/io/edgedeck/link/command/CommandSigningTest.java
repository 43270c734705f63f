package io.edgedeck.link.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CommandSigningTest {
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final OperatorKey alice = OperatorKeys.generate(RANDOM);
    private final OperatorKey mallory = OperatorKeys.generate(RANDOM);
    private final MutableClock consoleClock = new MutableClock(T0);
    private final MutableClock deviceClock = new MutableClock(T0);
    private final CommandSigner signer = new CommandSigner(alice, consoleClock, RANDOM);
    private final CommandVerifier plug = new CommandVerifier(TrustedOperatorKeys.of(List.of(alice.publicKey())),
            "plug-3", deviceClock);

    @Test
    void signedCommandVerifiesAndSaysWhatWasSigned() {
        SignedCommand c = signer.sign("plug-3", RelayCommand.RELAY_OFF);
        assertThat(c.keyId()).isEqualTo(alice.keyId());
        assertThat(c.expiresAt()).isEqualTo(c.issuedAt().plusSeconds(300));
        assertThat(c.issuedAt()).isEqualTo(T0);
        assertThat(Base64.getUrlDecoder().decode(c.nonce())).hasSize(16);

        Verification v = plug.verify(c.jws().getBytes(StandardCharsets.US_ASCII));
        assertThat(v.isAccepted()).as(v.detail()).isTrue();
        assertThat(v.command()).isEqualTo(RelayCommand.RELAY_OFF);
        assertThat(v.nonce()).isEqualTo(c.nonce());
        assertThat(v.keyId()).isEqualTo(alice.keyId());
    }

    @Test
    void theJdkAloneAcceptsEdgeDecksSignatureAndKeyId() throws Exception {
        for (int i = 0; i < 20; i++) { // R or S with a high bit set needs the DER 0x00 pad: several tries cover it
            SignedCommand c = signer.sign("plug-3", RelayCommand.RELAY_TOGGLE);
            JsonNode[] hc = IndependentEs256.verify(c.jws(), alice.publicKey());
            assertThat(hc[0].get("alg").asText()).isEqualTo("ES256");
            assertThat(hc[0].get("typ").asText()).isEqualTo("edgedeck-cmd+jwt");
            assertThat(hc[0].get("kid").asText()).isEqualTo(alice.keyId());
            assertThat(hc[1].get("dev").asText()).isEqualTo("plug-3");
            assertThat(hc[1].get("cmd").asText()).isEqualTo("relay_toggle");
            assertThat(hc[1].get("nonce").asText()).isEqualTo(c.nonce());
            assertThat(hc[1].get("iat").asLong()).isEqualTo(T0.getEpochSecond());
            assertThat(hc[1].get("exp").asLong()).isEqualTo(T0.getEpochSecond() + 300);
        }
        assertThat(alice.keyId()).isEqualTo(IndependentEs256.thumbprint(alice.publicKey()));
    }

    @Test
    void noncesAreFreshEveryTime() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) assertThat(seen.add(signer.sign("plug-3", RelayCommand.RELAY_ON).nonce())).isTrue();
    }

    @Test
    void everyRejectReasonCanBeProvoked() throws Exception {
        Map<RejectReason, String> tokens = new java.util.EnumMap<>(RejectReason.class);
        tokens.put(RejectReason.MALFORMED, "on");
        tokens.put(RejectReason.UNKNOWN_KEY, new CommandSigner(mallory, consoleClock, RANDOM).sign("plug-3", RelayCommand.RELAY_ON).jws());
        tokens.put(RejectReason.BAD_SIGNATURE, tamper(signer.sign("plug-3", RelayCommand.RELAY_OFF).jws(), "relay_off", "relay_on"));
        tokens.put(RejectReason.WRONG_DEVICE, signer.sign("plug-4", RelayCommand.RELAY_ON).jws());
        consoleClock.set(T0.minusSeconds(331));
        tokens.put(RejectReason.EXPIRED, signer.sign("plug-3", RelayCommand.RELAY_ON).jws());
        consoleClock.set(T0.plusSeconds(31));
        tokens.put(RejectReason.NOT_YET_VALID, signer.sign("plug-3", RelayCommand.RELAY_ON).jws());
        consoleClock.set(T0);
        tokens.put(RejectReason.UNSUPPORTED_COMMAND, custom(alice, Map.of("cmd", "reboot")));
        SignedCommand once = signer.sign("plug-3", RelayCommand.RELAY_ON);
        assertThat(plug.verify(once.jws()).isAccepted()).isTrue();
        tokens.put(RejectReason.REPLAYED, once.jws());

        assertThat(tokens.keySet()).containsExactlyInAnyOrder(RejectReason.values());
        for (var e : tokens.entrySet()) {
            Verification v = plug.verify(e.getValue());
            assertThat(v.isAccepted()).as(e.getKey().wireName()).isFalse();
            assertThat(v.reason()).as(v.detail()).isEqualTo(e.getKey());
        }
    }

    @Test
    void malformedInAllItsShapes() throws Exception {
        for (String t : List.of("", "{\"command\":\"off\"}", "toggle", "a.b.c", "x.y", "...",
                hs256(), wrongTyp(), custom(alice, Map.of("nonce", "short")), custom(alice, Map.of("exp", 999_999_999_999L)),
                custom(alice, Map.of("dev", 42)))) {
            Verification v = plug.verify(t);
            assertThat(v.reason()).as("%s: %s", t, v.detail()).isEqualTo(RejectReason.MALFORMED);
        }
    }

    @Test
    void clockSkewOfThirtySecondsIsTolerated() {
        SignedCommand c = signer.sign("plug-3", RelayCommand.RELAY_ON);
        deviceClock.set(c.expiresAt().plusSeconds(30));
        assertThat(plug.verify(c.jws()).isAccepted()).isTrue();

        consoleClock.set(T0.plusSeconds(30));
        deviceClock.set(T0);
        assertThat(plug.verify(signer.sign("plug-3", RelayCommand.RELAY_ON).jws()).isAccepted()).isTrue();
    }

    @Test
    void aNonceIsForgottenOnlyAfterItsCommandExpired() {
        NonceCache cache = new NonceCache(2);
        assertThat(cache.remember("n1", T0.plusSeconds(330), T0)).isTrue();
        assertThat(cache.remember("n1", T0.plusSeconds(330), T0.plusSeconds(329))).isFalse();
        assertThat(cache.remember("n2", T0.plusSeconds(400), T0)).isTrue();
        assertThat(cache.remember("n3", T0.plusSeconds(400), T0.plusSeconds(1))).as("full of live nonces").isFalse();
        assertThat(cache.remember("n3", T0.plusSeconds(700), T0.plusSeconds(331))).isTrue();
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void verdictsOfRejectedCommandsCarryTheNonceSoTheAckNamesTheCommand() {
        SignedCommand c = signer.sign("plug-4", RelayCommand.RELAY_ON);
        Verification v = plug.verify(c.jws());
        assertThat(v.reason()).isEqualTo(RejectReason.WRONG_DEVICE);
        assertThat(v.nonce()).isEqualTo(c.nonce());
        assertThat(plug.verify("on").nonce()).isNull();
    }

    @Test
    void keyDescriptionsNeverShowThePrivateKey() {
        String secret = alice.privateKey().getS().toString(16);
        String secretB64 = Base64.getEncoder().encodeToString(alice.privateKey().getEncoded());
        assertThat(alice.toString()).contains(alice.keyId()).doesNotContain(secret).doesNotContain(secretB64);
        assertThat(signer.sign("plug-3", RelayCommand.RELAY_ON).toString()).doesNotContain(secret);
    }

    // -- helpers: tokens no honest signer makes

    /** Swaps a value in the claims but keeps the original signature. */
    static String tamper(String jws, String from, String to) {
        String[] p = jws.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(p[1]), StandardCharsets.UTF_8).replace(from, to);
        return p[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes(StandardCharsets.UTF_8))
                + "." + p[2];
    }

    private String custom(OperatorKey key, Map<String, Object> overrides) throws Exception {
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder().claim("dev", "plug-3").claim("cmd", "relay_on")
                .claim("nonce", "AAECAwQFBgcICQoLDA0ODw").issueTime(Date.from(T0)).expirationTime(Date.from(T0.plusSeconds(300)));
        overrides.forEach((k, v) -> {
            if (k.equals("exp")) b.claim("exp", v);
            else b.claim(k, v);
        });
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.keyId())
                .type(new JOSEObjectType(CommandProtocol.TYPE)).build(), b.build());
        jwt.sign(new ECDSASigner(key.privateKey()));
        return jwt.serialize();
    }

    private String hs256() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(alice.keyId())
                .type(new JOSEObjectType(CommandProtocol.TYPE)).build(),
                new JWTClaimsSet.Builder().claim("dev", "plug-3").claim("cmd", "relay_on").build());
        jwt.sign(new MACSigner(new byte[32]));
        return jwt.serialize();
    }

    private String wrongTyp() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(alice.keyId()).build(),
                new JWTClaimsSet.Builder().claim("dev", "plug-3").claim("cmd", "relay_on")
                        .claim("nonce", "AAECAwQFBgcICQoLDA0ODw").issueTime(Date.from(T0))
                        .expirationTime(Date.from(T0.plus(Duration.ofSeconds(300)))).build());
        jwt.sign(new ECDSASigner(alice.privateKey()));
        return jwt.serialize();
    }
}
