package io.edgedeck.services.profiles;

import io.edgedeck.link.mqtt.BrokerSettings;
import io.edgedeck.link.mqtt.MqttVersion;
import io.edgedeck.link.tls.Passphrase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Profiles on real files: round trip, secrets encrypted and owner-only, the demo profile always there. */
class ProfileStoreTest {
    private static final String PASSWORD = "hunter2-Broker-Passw0rd";
    private static final String KEY_PASS = "correct horse battery staple";

    @TempDir
    Path dir;

    ProfileStore store() {
        return new ProfileStore(dir, KeyVaults.fileOnly(dir));
    }

    static ConnectionProfile shopFloor() {
        return ConnectionProfile.plain("Shop floor", "broker.local", 8883).toBuilder()
                .tls(true).mqttVersion(MqttVersion.V3_1_1).clientId("shopfloor-pc-1").keepAliveSeconds(45)
                .username("collector").password(Optional.of(Passphrase.of(PASSWORD.toCharArray())))
                .caFile(Path.of("/etc/edgedeck/ca.pem")).trustSystemCas(true)
                .certFile(Path.of("/etc/edgedeck/op.pem")).keyFile(Path.of("/etc/edgedeck/op.key"))
                .keyPassphrase(Optional.of(Passphrase.of(KEY_PASS.toCharArray())))
                .verifyHostname(false).mappingFile(Path.of("/etc/edgedeck/mapping.json")).build();
    }

    @Test
    void aProfileComesBackWithEveryFieldAndItsSecrets() {
        store().put(shopFloor(), null);
        List<ConnectionProfile> loaded = store().load(); // a fresh store: read from the files
        assertThat(loaded).hasSize(2);
        assertThat(loaded.get(0).demo()).isTrue();
        assertThat(loaded.get(0).name()).isEqualTo(ConnectionProfile.DEMO_NAME);
        assertThat(loaded.get(1)).isEqualTo(shopFloor());
        assertThat(new String(loaded.get(1).password().orElseThrow().chars())).isEqualTo(PASSWORD);
        assertThat(new String(loaded.get(1).keyPassphrase().orElseThrow().chars())).isEqualTo(KEY_PASS);
    }

    @Test
    void namesAreReadWithoutTheSecrets() throws Exception {
        store().put(shopFloor(), null);
        Files.delete(dir.resolve("profile-secrets.key")); // the key is lost: load() fails, names() does not need it
        assertThat(store().names()).containsExactly(ConnectionProfile.DEMO_NAME, shopFloor().name());
        Files.writeString(dir.resolve(ProfileStore.PROFILES_FILE), "{ broken");
        assertThatThrownBy(() -> store().names()).hasMessageContaining(ProfileStore.PROFILES_FILE);
    }

    @Test
    void secretsAreInNoFileInPlainTextAndTheSecretFilesAreOwnerOnly() throws Exception {
        store().put(shopFloor(), null);
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString())
                .contains(ProfileStore.PROFILES_FILE, ProfileStore.SECRETS_FILE, "profile-secrets.key");
        for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            String asText = new String(bytes, StandardCharsets.UTF_8);
            assertThat(asText).as(f.toString()).doesNotContain(PASSWORD).doesNotContain(KEY_PASS)
                    .doesNotContain("hunter2");
            assertThat(new String(bytes, StandardCharsets.UTF_16LE)).doesNotContain(PASSWORD);
        }
        assertThat(Files.readString(dir.resolve(ProfileStore.PROFILES_FILE))).contains("broker.local")
                .contains("\"hasPassword\" : true");
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(ProfileStore.SECRETS_FILE))))
                    .isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("profile-secrets.key"))))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void aSecretMovedToAnotherProfileIsRefusedNotUsed() throws Exception {
        store().put(shopFloor(), null);
        store().put(ConnectionProfile.plain("Lab", "lab.local", 1883).toBuilder().username("lab")
                .password(Optional.of(Passphrase.of("lab-secret".toCharArray()))).build(), null);
        Path secrets = dir.resolve(ProfileStore.SECRETS_FILE);
        String text = Files.readString(secrets);
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(text);
        var all = (com.fasterxml.jackson.databind.node.ObjectNode) tree.get("secrets");
        String shopPassword = all.get("Shop floor").get("password").asText();
        ((com.fasterxml.jackson.databind.node.ObjectNode) all.get("Lab")).put("password", shopPassword);
        Files.writeString(secrets, json.writeValueAsString(tree));
        assertThatThrownBy(() -> store().load()).isInstanceOf(SecretsException.class)
                .hasMessageContaining("password of profile 'Lab' cannot be decrypted");
        // the dialog still shows the profile, with the password to be entered again
        var editable = store().loadForEditing();
        assertThat(editable.profiles()).extracting(ConnectionProfile::name).contains("Lab", "Shop floor");
        assertThat(editable.profiles().stream().filter(p -> p.name().equals("Lab")).findFirst().orElseThrow().password())
                .isEmpty();
        assertThat(editable.problems()).singleElement().asString().contains("'Lab'");
    }

    @Test
    void aLostKeyLeavesTheProfilesWithoutTheirSecrets() throws Exception {
        store().put(shopFloor(), null);
        Files.delete(dir.resolve("profile-secrets.key"));
        assertThatThrownBy(() -> store().load()).isInstanceOf(SecretsException.class);
        var editable = store().loadForEditing();
        assertThat(editable.profiles().get(1).password()).isEmpty();
        assertThat(editable.profiles().get(1).host()).isEqualTo("broker.local");
        assertThat(editable.problems()).isNotEmpty();
        // entering the password again saves it under the new key
        store().put(editable.profiles().get(1).toBuilder()
                .password(Optional.of(Passphrase.of("new-pw".toCharArray()))).build(), "Shop floor");
        assertThat(new String(store().load().get(1).password().orElseThrow().chars())).isEqualTo("new-pw");
    }

    @Test
    void withoutSecretsNoSecretsFileIsWritten() {
        store().put(ConnectionProfile.plain("Plain", "10.0.0.7", 1883), null);
        assertThat(dir.resolve(ProfileStore.SECRETS_FILE)).doesNotExist();
        assertThat(dir.resolve("profile-secrets.key")).doesNotExist();
        assertThat(store().find("plain")).map(ConnectionProfile::host).contains("10.0.0.7");
    }

    @Test
    void renameReplaceDeleteAndNamesAreUniqueIgnoringCase() {
        var s = store();
        s.put(ConnectionProfile.plain("A", "a.local", 1883), null);
        s.put(ConnectionProfile.plain("B", "b.local", 1883), null);
        s.put(ConnectionProfile.plain("A2", "a2.local", 1884), "A");
        assertThat(s.load()).extracting(ConnectionProfile::name).containsExactly(ConnectionProfile.DEMO_NAME, "A2", "B");
        assertThatThrownBy(() -> s.put(ConnectionProfile.plain("b", "x", 1), null))
                .hasMessageContaining("exists already");
        assertThatThrownBy(() -> s.put(ConnectionProfile.demoFleet(), null)).hasMessageContaining("built in");
        s.remove("a2");
        assertThat(s.load()).extracting(ConnectionProfile::name).containsExactly(ConnectionProfile.DEMO_NAME, "B");
    }

    @Test
    void aBrokenProfilesFileIsReportedWithItsPath() throws Exception {
        Files.writeString(dir.resolve(ProfileStore.PROFILES_FILE), "{ nope");
        assertThatThrownBy(() -> store().load()).hasMessageContaining(dir.resolve(ProfileStore.PROFILES_FILE).toString());
    }

    @Test
    void aProfileBecomesBrokerSettings() {
        BrokerSettings s = shopFloor().toBrokerSettings("default-id");
        assertThat(s.uri().toString()).isEqualTo("ssl://broker.local:8883");
        assertThat(s.version()).isEqualTo(MqttVersion.V3_1_1);
        assertThat(s.clientId()).isEqualTo("shopfloor-pc-1");
        assertThat(s.keepAliveSeconds()).isEqualTo(45);
        assertThat(s.username()).contains("collector");
        assertThat(new String(s.password().orElseThrow())).isEqualTo(PASSWORD);
        assertThat(s.cleanStart()).isFalse();
        var tls = s.tls().orElseThrow();
        assertThat(tls.caFile()).contains(Path.of("/etc/edgedeck/ca.pem"));
        assertThat(tls.trustSystemStore()).isTrue();
        assertThat(tls.verifyHostname()).isFalse();
        assertThat(tls.identity()).isPresent();
        assertThat(ConnectionProfile.plain("x", "h", 1883).toBrokerSettings("stable-id").clientId()).isEqualTo("stable-id");
        assertThat(shopFloor().toString()).doesNotContain(PASSWORD);
    }

    @Test
    void presetsFitAwsIotCoreAndTheCommonBrokers() {
        var aws = BrokerPreset.AWS_IOT_CORE.applyTo(ConnectionProfile.plain("aws", "x-ats.iot.eu-west-1.amazonaws.com", 1883));
        assertThat(aws.port()).isEqualTo(8883);
        assertThat(aws.tls()).isTrue();
        assertThat(aws.verifyHostname()).isTrue();
        assertThat(BrokerPreset.MOSQUITTO.applyTo(aws).port()).isEqualTo(1883);
        assertThat(BrokerPreset.HIVEMQ_CLOUD.tls()).isTrue();
        assertThat(BrokerPreset.EMQX.port()).isEqualTo(1883);
    }
}
