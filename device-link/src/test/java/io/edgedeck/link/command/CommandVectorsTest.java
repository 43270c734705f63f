package io.edgedeck.link.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test vectors of docs/command-protocol.md, as committed under src/test/resources/command-vectors/: EdgeDeck's
 * verifier gives the documented verdicts, the JDK alone accepts the signature, and the document shows exactly the
 * values the files hold.
 */
class CommandVectorsTest {
    private static final Instant ACCEPTED_AT = Instant.parse("2026-01-15T10:01:00Z");
    private static final Instant LAST_ACCEPTED_AT = Instant.parse("2026-01-15T10:05:30Z");
    private static final Instant EXPIRED_AT = Instant.parse("2026-01-15T10:05:31Z");

    private static String resource(String name) throws IOException {
        try (InputStream in = CommandVectorsTest.class.getResourceAsStream("/command-vectors/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    private final ECPublicKey key;
    private final String jws;
    private final String tampered;

    CommandVectorsTest() throws Exception {
        key = KeyFiles.parsePublic("public-key.pem", resource("public-key.pem"));
        jws = resource("command.jws").trim();
        tampered = resource("command-tampered.jws").trim();
    }

    private Verification verifyAt(String token, Instant now) {
        return new CommandVerifier(TrustedOperatorKeys.of(List.of(key)), "plug-vector-01", new MutableClock(now))
                .verify(token);
    }

    @Test
    void documentedVerdicts() {
        Verification ok = verifyAt(jws, ACCEPTED_AT);
        assertThat(ok.isAccepted()).as(ok.detail()).isTrue();
        assertThat(ok.command()).isEqualTo(RelayCommand.RELAY_ON);
        assertThat(ok.nonce()).isEqualTo("AAECAwQFBgcICQoLDA0ODw");
        assertThat(verifyAt(jws, LAST_ACCEPTED_AT).isAccepted()).isTrue();
        assertThat(verifyAt(jws, EXPIRED_AT).reason()).isEqualTo(RejectReason.EXPIRED);
        assertThat(verifyAt(tampered, ACCEPTED_AT).reason()).isEqualTo(RejectReason.BAD_SIGNATURE);
        assertThat(verifyAt(jws, Instant.parse("2026-01-15T09:59:29Z")).reason()).isEqualTo(RejectReason.NOT_YET_VALID);
    }

    @Test
    void vectorsHoldUpUnderTheJdkAlone() throws Exception {
        JsonNode[] hc = IndependentEs256.verify(jws, key);
        JsonNode jwk = new ObjectMapper().readTree(resource("public-key.jwk.json"));
        assertThat(hc[0].get("kid").asText()).isEqualTo(jwk.get("kid").asText()).isEqualTo(IndependentEs256.thumbprint(key));
        assertThat(jwk.get("x").asText()).isEqualTo(IndependentEs256.coordinate(key.getW().getAffineX()));
        assertThat(jwk.get("y").asText()).isEqualTo(IndependentEs256.coordinate(key.getW().getAffineY()));
        assertThat(hc[1].get("iat").asLong()).isEqualTo(Instant.parse("2026-01-15T10:00:00Z").getEpochSecond());
        assertThat(hc[1].get("exp").asLong()).isEqualTo(Instant.parse("2026-01-15T10:05:00Z").getEpochSecond());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> IndependentEs256.verify(tampered, key))
                .hasMessageContaining("does not accept");
    }

    @Test
    void theProtocolDocumentShowsTheSameVectors() throws Exception {
        Path doc = Path.of("../docs/command-protocol.md");
        String text = Files.readString(doc);
        JsonNode jwk = new ObjectMapper().readTree(resource("public-key.jwk.json"));
        assertThat(text).contains(resource("public-key.pem").trim());
        assertThat(text).contains(resource("public-key.jwk.json").trim());
        assertThat(text).contains(jws);
        assertThat(text).contains(tampered);
        assertThat(text).contains(jwk.get("kid").asText());
        for (Instant t : new Instant[]{ACCEPTED_AT, LAST_ACCEPTED_AT, EXPIRED_AT}) {
            assertThat(text).contains(t.toString()).contains(String.valueOf(t.getEpochSecond()));
        }
        for (RejectReason r : RejectReason.values()) {
            assertThat(text).contains("`" + r.wireName() + "`");
        }
    }
}
