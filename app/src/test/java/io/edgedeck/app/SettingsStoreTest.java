package io.edgedeck.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.edgedeck.db.RetentionPolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsStoreTest {
    @TempDir
    Path dir;

    @Test
    void missingFileMeansTheEmbeddedDefault() {
        Settings s = new SettingsStore(dir.resolve("settings.json")).load();
        assertThat(s.usesEmbeddedBroker()).isTrue();
    }

    @Test
    void savedSettingsComeBack() {
        var store = new SettingsStore(dir.resolve("cfg/settings.json"));
        store.save(new Settings("tcp://broker.local:1883", "3", "shopfloor-1", null));
        Settings s = store.load();
        assertThat(s.brokerUrl()).isEqualTo("tcp://broker.local:1883");
        assertThat(s.mqttVersion()).isEqualTo("3");
        assertThat(s.clientId()).isEqualTo("shopfloor-1");
        assertThat(s.usesEmbeddedBroker()).isFalse();
    }

    @Test
    void retentionTiersComeFromTheSettingsFileAndABadValueNamesTheKey() throws Exception {
        Path file = dir.resolve("settings.json");
        assertThat(new SettingsStore(file).load().retentionPolicy()).isEqualTo(RetentionPolicy.DEFAULT);
        Files.writeString(file, "{\"retention\": \"raw=3d,1h=2y\"}");
        RetentionPolicy p = new SettingsStore(file).load().retentionPolicy();
        assertThat(p.raw()).isEqualTo(Duration.ofDays(3));
        assertThat(p.minute()).isEqualTo(RetentionPolicy.DEFAULT.minute());
        assertThat(p.hour()).isEqualTo(Duration.ofDays(730));
        Files.writeString(file, "{\"retention\": \"raw=1y\"}");
        assertThatThrownBy(() -> new SettingsStore(file).load().retentionPolicy())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Setting \"retention\" in settings.json")
                .hasMessageContaining("at least as long as the finer one");
    }

    @Test
    void brokenFileIsReportedWithItsPath() throws Exception {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, "{ not json");
        assertThatThrownBy(() -> new SettingsStore(file).load())
                .hasMessageContaining(file.toString()).hasMessageContaining("Fix or delete it");
    }
}
