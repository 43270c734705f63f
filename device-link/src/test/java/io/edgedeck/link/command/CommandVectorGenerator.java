package io.edgedeck.link.command;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;

/**
 * Made the committed test vectors once, with a fresh key whose private half was thrown away (only the public key
 * and the tokens are in the repository). Not run by default; to make new ones (and then update
 * docs/command-protocol.md): {@code ./mvnw -pl device-link -am verify -Dtest=CommandVectorGenerator
 * -Dedgedeck.writeCommandVectors=true -Dsurefire.failIfNoSpecifiedTests=false}
 */
class CommandVectorGenerator {
    static final String DEVICE = "plug-vector-01";
    static final String NONCE = "AAECAwQFBgcICQoLDA0ODw"; // bytes 00..0f
    static final Instant ISSUED = Instant.parse("2026-01-15T10:00:00Z");

    @Test
    @EnabledIfSystemProperty(named = "edgedeck.writeCommandVectors", matches = "true")
    void writeVectors() throws Exception {
        OperatorKey key = OperatorKeys.generate(new SecureRandom());
        SignedCommand c = new CommandSigner(key, Clock.systemUTC(), new SecureRandom())
                .sign(DEVICE, RelayCommand.RELAY_ON, NONCE, ISSUED);
        Path dir = Path.of("src/test/resources/command-vectors");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("public-key.pem"), KeyFiles.publicPem(key.publicKey()));
        Files.writeString(dir.resolve("public-key.jwk.json"), OperatorKeys.publicJwk(key.publicKey()) + "\n");
        Files.writeString(dir.resolve("command.jws"), c.jws() + "\n");
        Files.writeString(dir.resolve("command-tampered.jws"),
                CommandSigningTest.tamper(c.jws(), "relay_on", "relay_off") + "\n");
    }
}
