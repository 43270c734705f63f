package io.edgedeck.services.profiles;

import io.edgedeck.link.tls.Passphrase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The OS-keyring vault against a real Secret Service: GNOME Keyring on a private D-Bus session bus, in a temporary
 * HOME (see {@link PrivateSecretService}). Skipped where dbus-daemon, gnome-keyring-daemon or secret-tool is missing
 * (Debian: {@code apt-get install gnome-keyring libsecret-tools dbus}; {@code .ci/run} installs them).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OsKeyringVaultSecretServiceTest {
    private static final String PASSWORD = "hunter2-Keyring-Passw0rd";
    private static final List<String> LOOKUP = List.of("lookup", "application", "edgedeck", "purpose", "profile-secrets");

    @TempDir
    static Path dir; // static: one folder for the whole class, there before @BeforeAll
    private PrivateSecretService secretService;

    private final List<String> missingTools = PrivateSecretService.missingTools();

    @BeforeAll
    void startSecretService() throws Exception {
        if (missingTools.isEmpty()) secretService = new PrivateSecretService(dir.resolve("session"));
    }

    @BeforeEach
    void needsTheTools() { // per test, so that surefire lists each one as skipped with this message
        assumeTrue(missingTools.isEmpty(), () -> String.join(", ", missingTools) + " not on PATH: the OS-keyring vault "
                + "is not tested against a real keyring (Debian: apt-get install gnome-keyring libsecret-tools dbus; "
                + ".ci/run installs them)");
    }

    @AfterAll
    void stopSecretService() throws Exception {
        if (secretService != null) secretService.close();
    }

    @Test
    @Order(1)
    void theProbeFindsTheKeyringOnThePrivateBus() {
        var vault = OsKeyringVault.probe(dir.resolve("config"), new SecureRandom(), secretService.environment());
        assertThat(vault).map(KeyVault::id).contains("secret_tool");
        assertThat(vault.orElseThrow().description()).contains("keyring");
    }

    @Test
    @Order(2)
    void theKeyIsCreatedOnceKeptInTheKeyringAndFoundByAnotherVault() throws Exception {
        Path config = dir.resolve("config");
        byte[] key = OsKeyringVault.probe(config, new SecureRandom(), secretService.environment()).orElseThrow().key();
        assertThat(key).hasSize(32);
        byte[] again = OsKeyringVault.byId("secret_tool", config, new SecureRandom(), secretService.environment())
                .orElseThrow().key();
        assertThat(again).isEqualTo(key);

        var lookup = secretService.secretTool(LOOKUP);
        assertThat(lookup.code()).as(lookup.err()).isZero();
        assertThat(lookup.out()).isEqualTo(Base64.getEncoder().encodeToString(key));
        assertThat(config.resolve("profile-secrets.key")).doesNotExist();
    }

    @Test
    @Order(3)
    void aProfilePasswordRoundTripsThroughTheKeyringAndIsNotInTheSecretsFile() throws Exception {
        Path config = dir.resolve("profiles");
        profileStore().put(ConnectionProfile.plain("Shop floor", "broker.local", 8883).toBuilder().username("collector")
                .password(Optional.of(Passphrase.of(PASSWORD.toCharArray()))).build(), null);

        assertThat(profileStore().find("Shop floor").orElseThrow().password()).map(p -> new String(p.chars()))
                .contains(PASSWORD);
        String secrets = Files.readString(config.resolve(ProfileStore.SECRETS_FILE), StandardCharsets.UTF_8);
        assertThat(secrets).contains("\"keyStore\" : \"secret_tool\"").doesNotContain(PASSWORD).doesNotContain("hunter2");
        assertThat(config.resolve("profile-secrets.key")).as("no key file when the keyring answers").doesNotExist();
    }

    @Test
    @Order(4)
    void withTheKeyringDaemonGoneReadingSaysSoInWords() throws Exception {
        secretService.stopKeyring();
        var store = profileStore();
        assertThatThrownBy(store::load).isInstanceOf(SecretsException.class)
                .hasMessageContaining("the desktop keyring (Secret Service, via secret-tool) could not be used")
                .hasMessageContaining("saved passwords are not available");
        var editable = store.loadForEditing(); // the dialog still opens, with the password to be entered again
        assertThat(editable.profiles()).extracting(ConnectionProfile::name).contains("Shop floor");
        assertThat(editable.profiles().get(1).password()).isEmpty();
        assertThat(editable.problems()).singleElement().asString().contains("desktop keyring");
    }

    /** As after a crash, when D-Bus activation starts the daemon again: it answers, but the keyring is locked. */
    @Test
    @Order(5)
    void aLockedKeyringIsReportedNotGivenANewKey() throws Exception {
        secretService.startKeyring(false);
        var lookup = secretService.secretTool(LOOKUP);
        assertThat(lookup.code()).as("secret-tool finds nothing in a locked keyring, silently").isEqualTo(1);
        assertThatThrownBy(profileStore()::load).isInstanceOf(SecretsException.class)
                .hasMessageContaining("The key of the saved passwords was not found in the desktop keyring")
                .hasMessageContaining("unlock it");
        secretService.stopKeyring();

        secretService.startKeyring(true); // unlocked again: the same key, so the saved password comes back
        assertThat(profileStore().find("Shop floor").orElseThrow().password()).map(p -> new String(p.chars()))
                .contains(PASSWORD);
    }

    /** A keyring that takes the call and never answers (frozen) costs the vault's time-out, not a hung dialog. */
    @Test
    @Order(6)
    void aKeyringThatNeverAnswersIsGivenUpOnWithAMessage() throws Exception {
        secretService.freezeKeyring(true);
        try {
            assertThatThrownBy(profileStore()::load).isInstanceOf(SecretsException.class)
                    .hasMessageContaining("the desktop keyring (Secret Service, via secret-tool) did not answer within")
                    .hasMessageContaining("saved passwords are not available");
        } finally {
            secretService.freezeKeyring(false);
        }
    }

    private ProfileStore profileStore() {
        Path config = dir.resolve("profiles");
        return new ProfileStore(config, new SystemKeyVaults(config, secretService.environment()));
    }
}
