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
    void theSlackWebhookIsReadFromTheFileAndNeverPrinted() throws Exception {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, "{\"slackWebhookUrl\": \"https://hooks.slack.com/services/T1/B2/s3cr3t\"}");
        Settings s = new SettingsStore(file).load();
        assertThat(s.slackWebhookUrl()).isEqualTo("https://hooks.slack.com/services/T1/B2/s3cr3t");
        assertThat(s.usesEmbeddedBroker()).isTrue();
        assertThat(s.toString()).doesNotContain("s3cr3t").contains("slackWebhookUrl=(set)");
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

    @Test
    void theFirstRunQuestionIsAskedOnceAndNotWhenABrokerIsGiven() {
        var store = new SettingsStore(dir.resolve("settings.json"));
        Settings fresh = store.load();
        assertThat(fresh.firstRunQuestionDue(false)).isTrue();
        assertThat(fresh.firstRunQuestionDue(true)).as("--broker on the command line").isFalse();
        assertThat(new Settings("tcp://b:1883", null, null, null).firstRunQuestionDue(false)).isFalse();

        store.save(fresh.withFirstRunAnswered());
        assertThat(store.load().firstRunQuestionDue(false)).isFalse();
    }

    @Test
    void theChosenProfileIsRememberedAndReplacesAnOldBrokerUrl() throws Exception {
        var store = new SettingsStore(dir.resolve("settings.json"));
        Files.writeString(store.file(), "{ \"brokerUrl\": \"tcp://old:1883\", \"clientId\": \"pc-1\" }");
        store.save(store.load().withProfile("Shop floor").withFirstRunAnswered());
        Settings s = store.load();
        assertThat(s.profile()).isEqualTo("Shop floor");
        assertThat(s.usesEmbeddedBroker()).isTrue();
        assertThat(s.clientId()).isEqualTo("pc-1");
        assertThat(s.firstRunAnswered()).isTrue();
        assertThat(s.firstRunQuestionDue(false)).isFalse();
    }
}
