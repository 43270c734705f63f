package io.edgedeck.services;

import io.edgedeck.link.command.KeyFileException;
import io.edgedeck.link.command.KeyFiles;
import io.edgedeck.link.command.OperatorKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyRingTest {
    @TempDir
    Path data;

    @Test
    void aCreatedKeyUnlocksWithItsPassphraseOnlyAndLivesInAnOwnerOnlyFolder() throws Exception {
        KeyRing ring = KeyRing.inDataFolder(data);
        assertThat(ring.has("Ana")).isFalse();
        char[] pass = "correct horse".toCharArray();

        CreatedKey created = ring.create("Ana", pass);

        assertThat(pass).as("the passphrase is wiped").containsOnly('\0');
        assertThat(created.file()).isEqualTo(data.resolve("keys/ana.key"));
        assertThat(ring.has("ana")).as("names ignore case").isTrue();
        assertThat(created.publicKeyPem()).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(KeyFiles.operatorName(created.file())).contains("Ana");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("keys")))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(created.file()))).isEqualTo("rw-------");
        assertThat(Files.readString(created.file())).contains("ENCRYPTED PRIVATE KEY").doesNotContain("correct horse");

        char[] again = "correct horse".toCharArray();
        OperatorKey key = ring.unlock("ANA", again);
        assertThat(again).containsOnly('\0');
        assertThat(key.keyId()).isEqualTo(created.keyId());

        char[] wrong = "wrong horse!".toCharArray();
        assertThatThrownBy(() -> ring.unlock("ana", wrong)).isInstanceOf(KeyFileException.class)
                .hasMessage("wrong passphrase for key file " + created.file());
        assertThat(wrong).as("wiped also when it fails").containsOnly('\0');
    }

    @Test
    void refusesShortPassphrasesSecondKeysAndMissingKeysClearly() {
        KeyRing ring = new KeyRing(data.resolve("k"), new SecureRandom());
        char[] shortOne = "short".toCharArray();
        assertThatThrownBy(() -> ring.create("bob", shortOne)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the passphrase is too short: use at least 8 characters");
        assertThat(shortOne).containsOnly('\0');
        assertThat(ring.has("bob")).isFalse();

        ring.create("bob", "passphrase-1".toCharArray());
        assertThatThrownBy(() -> ring.create("Bob", "passphrase-2".toCharArray())).isInstanceOf(KeyFileException.class)
                .hasMessageContaining("exists already");

        assertThatThrownBy(() -> ring.unlock("carol", "passphrase-1".toCharArray()))
                .isInstanceOf(KeyFileException.class).hasMessageContaining("does not exist");
    }

    @Test
    void fileNamesKeepDistinctNamesDistinctAndStayInTheFolder() {
        assertThat(KeyRing.fileName("Ana Lopez")).isEqualTo("ana%20lopez.key");
        assertThat(KeyRing.fileName("ana_lopez")).isEqualTo("ana_lopez.key");
        assertThat(KeyRing.fileName("ops@site-2")).isEqualTo("ops%40site-2.key");
        assertThat(KeyRing.fileName("Zoë")).isEqualTo("zo%C3%AB.key");
        assertThat(KeyRing.fileName("../x")).doesNotContain("/");
    }
}
