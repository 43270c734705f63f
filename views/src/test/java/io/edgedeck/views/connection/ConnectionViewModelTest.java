package io.edgedeck.views.connection;

import io.edgedeck.link.broker.EmbeddedBroker;
import io.edgedeck.link.mqtt.MqttVersion;
import io.edgedeck.services.profiles.BrokerPreset;
import io.edgedeck.services.profiles.ConnectionProfile;
import io.edgedeck.services.profiles.ConnectionTester;
import io.edgedeck.services.profiles.KeyVaults;
import io.edgedeck.services.profiles.ProfileStore;
import io.edgedeck.views.common.Tasks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The dialog's logic without a window: validation messages, presets, save, test against a real broker, connect. */
class ConnectionViewModelTest {
    @TempDir
    Path dir;
    ProfileStore store;
    List<ConnectionProfile> connected = new ArrayList<>();
    ConnectionViewModel vm;

    @BeforeEach
    void setUp() {
        store = new ProfileStore(dir, KeyVaults.fileOnly(dir));
        vm = new ConnectionViewModel(store, new ConnectionTester("edgedeck-console-test", Duration.ofSeconds(5)),
                connected::add, Tasks.direct());
        vm.load(null);
    }

    String error(ProfileField f) {
        return vm.errorProperty(f).get();
    }

    @Test
    void theDemoProfileIsFirstAndCannotBeEdited() {
        assertThat(vm.profiles()).hasSize(1);
        assertThat(vm.selectedProperty().get().demo()).isTrue();
        assertThat(vm.editableProperty().get()).isFalse();
        assertThat(vm.connect()).isTrue();
        assertThat(connected).singleElement().extracting(ConnectionProfile::demo).isEqualTo(true);
    }

    @Test
    void everyWrongFieldSaysWhatIsWrong() {
        vm.newProfile();
        vm.nameProperty().set(" ");
        vm.hostProperty().set("tcp://broker.local:1883");
        vm.portProperty().set("70000");
        vm.keepAliveProperty().set("soon");
        vm.clientIdProperty().set("has space");
        vm.passwordProperty().set("secret");
        vm.caFileProperty().set(dir.resolve("missing-ca.pem").toString());
        vm.keyFileProperty().set(dir.toString());
        vm.keyPassphraseProperty().set("pass");

        assertThat(vm.validate()).isFalse();
        assertThat(vm.save()).isFalse();
        assertThat(error(ProfileField.NAME)).isEqualTo("Give the profile a name");
        assertThat(error(ProfileField.HOST)).contains("Only the host name");
        assertThat(error(ProfileField.PORT)).contains("1 to 65535");
        assertThat(error(ProfileField.KEEP_ALIVE)).contains("0 to 65535");
        assertThat(error(ProfileField.CLIENT_ID)).contains("without spaces");
        assertThat(error(ProfileField.USERNAME)).contains("needs a user name");
        assertThat(error(ProfileField.CA_FILE)).contains("No such CA file").contains("missing-ca.pem");
        assertThat(error(ProfileField.KEY_FILE)).contains("is a folder");
        assertThat(error(ProfileField.KEY_PASSPHRASE)).contains("goes with a client certificate");
        assertThat(Files.exists(dir.resolve(ProfileStore.PROFILES_FILE))).isFalse();
    }

    @Test
    void renamingAProfileCarriesItsDevicesRememberedConnectionOverInTheFile() throws Exception {
        var origins = new io.edgedeck.services.links.DeviceOrigins();
        var file = new io.edgedeck.services.links.DeviceOriginsFile(dir.resolve("device-origins.json"));
        try (var kept = io.edgedeck.services.links.RememberedOrigins.start(file, origins, Duration.ofHours(1))) {
            List<String> renames = new ArrayList<>();
            vm.setOnRenamed((from, to) -> {
                renames.add(from + " -> " + to);
                kept.renamed(from, to); // what the console does (there off the FX thread)
            });
            vm.newProfile();
            vm.nameProperty().set("Plant B");
            vm.hostProperty().set("plant-b.local");
            assertThat(vm.save()).isTrue(); // new: not a rename
            origins.heard("plug-b1", "Plant B");
            origins.heard("plug-a", "Lab"); // (not written yet: the keeper writes an hour later)

            vm.hostProperty().set("plant-b2.local");
            assertThat(vm.save()).isTrue(); // saved again under the same name: not a rename
            assertThat(renames).isEmpty();

            vm.nameProperty().set("Plant North");
            assertThat(vm.save()).isTrue();
            assertThat(renames).containsExactly("Plant B -> Plant North");
            assertThat(store.names()).contains("Plant North").doesNotContain("Plant B");
            assertThat(file.load().origins()).containsEntry("plug-b1", "Plant North").containsEntry("plug-a", "Lab");
        }
    }

    @Test
    void certificatesNeedTlsAndNamesMustBeUnique() throws Exception {
        Path cert = Files.writeString(dir.resolve("op.pem"), "-----BEGIN CERTIFICATE-----\n");
        vm.newProfile();
        vm.nameProperty().set("Plant");
        vm.hostProperty().set("plant.local");
        vm.certFileProperty().set(cert.toString());
        assertThat(vm.validate()).isFalse();
        assertThat(error(ProfileField.CERT_FILE)).isEqualTo("Switch TLS on to use a client certificate");
        vm.tlsProperty().set(true);
        assertThat(vm.save()).isTrue();

        vm.newProfile();
        vm.nameProperty().set("PLANT");
        vm.hostProperty().set("other.local");
        assertThat(vm.validate()).isFalse();
        assertThat(error(ProfileField.NAME)).isEqualTo("Another profile has this name");
        vm.nameProperty().set(ConnectionProfile.DEMO_NAME);
        assertThat(vm.validate()).isFalse();
        assertThat(error(ProfileField.NAME)).contains("built-in demo");
    }

    @Test
    void aPresetFillsPortTlsAndVersionAndSavedProfilesComeBack() {
        vm.newProfile();
        vm.nameProperty().set("AWS");
        vm.hostProperty().set("abc123-ats.iot.eu-west-1.amazonaws.com");
        vm.presetProperty().set(BrokerPreset.AWS_IOT_CORE);
        assertThat(vm.portProperty().get()).isEqualTo("8883");
        assertThat(vm.tlsProperty().get()).isTrue();
        assertThat(vm.presetHintProperty().get()).contains("certificate");
        vm.mqttVersionProperty().set(MqttVersion.V3_1_1);
        assertThat(vm.save()).isTrue();
        assertThat(vm.messageProperty().get()).isEqualTo("Saved AWS.");

        var again = new ConnectionViewModel(store, new ConnectionTester("x", Duration.ofSeconds(1)), p -> { },
                Tasks.direct());
        again.load("aws");
        assertThat(again.nameProperty().get()).isEqualTo("AWS");
        assertThat(again.portProperty().get()).isEqualTo("8883");
        assertThat(again.mqttVersionProperty().get()).isEqualTo(MqttVersion.V3_1_1);
        assertThat(again.editableProperty().get()).isTrue();
    }

    @Test
    void testConnectionSaysSuccessAgainstARealBrokerAndWhyNotWhenNothingListens() throws Exception {
        int port = freePort();
        try (EmbeddedBroker broker = EmbeddedBroker.start(port)) {
            vm.newProfile();
            vm.nameProperty().set("Local");
            vm.hostProperty().set("127.0.0.1");
            vm.portProperty().set(Integer.toString(port));
            vm.testConnection();
            assertThat(vm.testSucceededProperty().get()).isTrue();
            assertThat(vm.testResultProperty().get()).startsWith("Connected to 127.0.0.1:" + port + " with MQTT 5");
            assertThat(vm.testingProperty().get()).isFalse();
        }
        int closed = freePort();
        vm.portProperty().set(Integer.toString(closed));
        vm.testConnection();
        assertThat(vm.testSucceededProperty().get()).isFalse();
        assertThat(vm.testResultProperty().get()).startsWith("Failed: ").contains("127.0.0.1").doesNotContain("Exception");
    }

    @Test
    void connectSavesThenHandsTheProfileOver() {
        vm.newProfile();
        vm.nameProperty().set("Mosquitto");
        vm.hostProperty().set("localhost");
        vm.usernameProperty().set("edgedeck");
        vm.passwordProperty().set("s3cret-pw");
        assertThat(vm.connect()).isTrue();
        assertThat(connected).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("Mosquitto");
            assertThat(new String(p.password().orElseThrow().chars())).isEqualTo("s3cret-pw");
        });
        assertThat(store.find("mosquitto")).isPresent();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void connectAsWellAndDisconnectFollowWhatIsUp() {
        var live = new java.util.TreeSet<String>(String.CASE_INSENSITIVE_ORDER);
        List<ConnectionProfile> also = new ArrayList<>();
        List<ConnectionProfile> dropped = new ArrayList<>();
        vm.setSeveral(p -> {
            also.add(p);
            live.add(p.name());
        }, p -> {
            dropped.add(p);
            live.remove(p.name());
        }, () -> live);
        vm.newProfile();
        vm.nameProperty().set("Plant B");
        vm.hostProperty().set("127.0.0.1");
        vm.portProperty().set("1883");
        assertThat(vm.selectedLiveProperty().get()).isFalse();

        assertThat(vm.connectAlso()).isTrue();
        assertThat(also).singleElement().extracting(ConnectionProfile::name).isEqualTo("Plant B");
        assertThat(vm.messageProperty().get()).isEqualTo("Connecting Plant B as well…");
        assertThat(vm.selectedLiveProperty().get()).isTrue();
        assertThat(vm.connectAlso()).as("up already").isFalse();
        assertThat(vm.messageProperty().get()).isEqualTo("Plant B is connected already.");
        assertThat(also).hasSize(1);
        assertThat(connected).as("the primary connection is not replaced").isEmpty();

        vm.disconnect();
        assertThat(dropped).singleElement().extracting(ConnectionProfile::name).isEqualTo("Plant B");
        assertThat(vm.selectedLiveProperty().get()).isFalse();
    }
}
